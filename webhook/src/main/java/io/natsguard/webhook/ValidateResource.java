package io.natsguard.webhook;

import io.natsguard.policy.Policy;
import io.natsguard.policy.PolicyException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code POST /validate}: the API server's AdmissionReview, answered by the same rules as lint. */
@Path("/validate")
@ApplicationScoped
public class ValidateResource {

    private final AdmissionReviewer reviewer;

    public ValidateResource(@ConfigProperty(name = "natsguard.policy") Optional<String> policyFile) throws PolicyException {
        Policy policy = policyFile.isPresent() ? Policy.load(java.nio.file.Path.of(policyFile.get())) : Policy.defaults();
        this.reviewer = new AdmissionReviewer(policy);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Response validate(byte[] body) {
        AdmissionReviewer.Answer answer = reviewer.review(body);
        return Response.status(answer.http()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }
}
