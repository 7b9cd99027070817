package io.natsguard.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.natsguard.lint.Inputs;
import io.natsguard.lint.Linter;
import io.natsguard.policy.Admission;
import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.report.Report;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One AdmissionReview in, one answer out, through the same pipeline as {@code natsguard lint}: the
 * object under review is linted as a manifest on its own, or, with lookups on, together with the
 * objects it works with, answering for the findings the change brings. Findings of rules the policy sets to
 * {@code admission = deny} deny (403), {@code warn} ones become warnings, {@code off} ones are left out. A body that is no usable AdmissionReview gets an
 * HTTP 400 with a one-line reason; an unreadable object inside a good envelope, a 200 denial with
 * code 400.
 */
public final class AdmissionReviewer {

    /**
     * The answer: an HTTP status and its JSON body, and what metrics count (null facts for a body
     * that is no AdmissionReview).
     */
    public record Answer(int http, String body, String kind, String operation, boolean dryRun, boolean allowed,
            List<String> rules) {
    }

    static final int MAX_WARNINGS = 10;
    static final int MAX_WARNING_LENGTH = 120;
    static final int MAX_MESSAGE_LENGTH = 2000;
    private static final Set<String> VERSIONS = Set.of("admission.k8s.io/v1", "admission.k8s.io/v1beta1");
    /** One JSON value: a review followed by anything but white space is no AdmissionReview. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final Policy policy;
    private final Linter linter;
    private final Optional<RelatedObjects> related;

    /** With related objects, a review also looks up what its object works with (see {@link RelatedObjects}). */
    AdmissionReviewer(Policy policy, Optional<RelatedObjects> related) {
        this.policy = policy;
        this.linter = new Linter(policy);
        this.related = related;
    }

    /** A usable AdmissionReview whose object is still to be judged. */
    public record Review(String apiVersion, String uid, JsonNode request) {
    }

    /** Reviews a body at once: {@link #read} then {@link #judge}. */
    public Answer review(byte[] body) {
        Object read = read(body);
        return read instanceof Answer refused ? refused : judge((Review) read);
    }

    /**
     * The answer when the object could not be judged (past the deadline, or a fault), as the
     * webhook's failurePolicy would have it: allowed with a warning that says why (Ignore: a webhook
     * must not stall the cluster), or refused (Fail: strict namespaces take nothing unchecked), with
     * 403 like a policy denial rather than a server error that API-server error budgets would count.
     */
    public static Answer unchecked(Review review, String why, WebhookConfig.Unchecked policy) {
        String message = "natsguard: not checked: " + why;
        return answer(review, policy == WebhookConfig.Unchecked.ALLOW
                ? new Decision(true, 0, null, List.of(shorten(message, MAX_WARNING_LENGTH)), List.of())
                : new Decision(false, 403, shorten(message + "; natsguard refuses what it cannot check here (natsguard.review.unchecked=deny)",
                        MAX_MESSAGE_LENGTH), List.of(), List.of()));
    }

    /** Judges the object of a usable review with the lint core. */
    public Answer judge(Review review) {
        return answer(review, decide(review.request()));
    }

    private static Answer answer(Review review, Decision decision) {
        JsonNode request = review.request();
        return new Answer(200, respond(review.apiVersion(), review.uid(), decision), request.path("kind").path("kind").asText("unknown"),
                request.path("operation").asText("unknown"), request.path("dryRun").asBoolean(false), decision.allowed(),
                decision.rules());
    }

    /** The envelope: an {@link Answer} (HTTP 400) when the body is no usable AdmissionReview, else a {@link Review}. */
    public Object read(byte[] body) {
        if (body == null || body.length == 0) {
            return badRequest("the request body is empty: expected an AdmissionReview");
        }
        JsonNode review;
        try {
            review = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return badRequest("the request body is not a JSON AdmissionReview: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            return badRequest("the request body cannot be read: " + e.getMessage());
        }
        if (review == null || !review.isObject()) {
            return badRequest("the request body is not a JSON object: expected an AdmissionReview");
        }
        String apiVersion = review.path("apiVersion").asText("");
        if (!VERSIONS.contains(apiVersion) || !"AdmissionReview".equals(review.path("kind").asText())) {
            return badRequest("expected kind AdmissionReview of admission.k8s.io/v1, got kind '" + review.path("kind").asText("")
                    + "' of '" + apiVersion + "'");
        }
        JsonNode request = review.get("request");
        if (request == null || !request.isObject()) {
            return badRequest("the AdmissionReview has no request");
        }
        String uid = request.path("uid").asText("");
        if (uid.isEmpty()) {
            return badRequest("the AdmissionReview request has no uid");
        }
        return new Review(apiVersion, uid, request);
    }

    /** allowed, and when not, the status code and message; plus warnings, and the rules that spoke. */
    private record Decision(boolean allowed, int code, String message, List<String> warnings, List<String> rules) {

        static Decision allow() {
            return new Decision(true, 0, null, List.of(), List.of());
        }
    }

    private Decision decide(JsonNode request) {
        String operation = request.path("operation").asText("");
        JsonNode object = request.get("object");
        if (operation.equals("DELETE") || object == null || object.isNull()
                || "status".equals(request.path("subResource").asText(""))) {
            return Decision.allow(); // nothing new to check; a status write cannot change the configuration
        }
        if (!object.isObject()) {
            return new Decision(false, 400, "request.object is not a Kubernetes object", List.of(), List.of());
        }
        ObjectNode judged = withoutBookkeeping((ObjectNode) object);
        String name = object.path("kind").asText("") + " " + object.path("metadata").path("namespace").asText("default")
                + "/" + object.path("metadata").path("name").asText("");
        Report alone;
        try {
            alone = linter.lint(Inputs.documents(Map.of(name, JSON.writeValueAsString(judged)), JsonManifests::read));
        } catch (JsonProcessingException e) {
            return new Decision(false, 400, "request.object cannot be read: " + e.getMessage(), List.of(), List.of());
        }
        boolean scale = "scale".equals(request.path("subResource").asText(""));
        if (related.isEmpty() || (alone.clusters() == 0 && !scale)) {
            return decide(name, alone.findings(), List.of()); // no NATS configuration: allowed at once
        }
        RelatedObjects.Found found = related.get().find(request, name, judged);
        if (found.nothingRelated()) {
            return decide(name, alone.findings(), found.notes());
        }
        Set<Finding> before = Set.copyOf(linter.lint(Inputs.documents(found.before(), JsonManifests::read)).findings());
        List<Finding> brought = linter.lint(Inputs.documents(found.after(), JsonManifests::read)).findings().stream()
                .filter(f -> !before.contains(f)).toList();
        return decide(name, brought, found.notes());
    }

    /** Deny findings refuse (with where they are when not in the object itself), warn findings and notes warn. */
    private Decision decide(String name, List<Finding> findings, List<String> notes) {
        List<Finding> denials = findings.stream().filter(f -> policy.admission(f.ruleId()) == Admission.DENY).toList();
        List<String> warnings = java.util.stream.Stream.concat(
                findings.stream().filter(f -> policy.admission(f.ruleId()) == Admission.WARN).map(f -> f.ruleId() + ": " + f.message()),
                notes.stream().map(note -> "natsguard: " + note))
                .map(warning -> shorten(warning, MAX_WARNING_LENGTH)).distinct().limit(MAX_WARNINGS).toList();
        List<String> rules = findings.stream().map(Finding::ruleId).filter(rule -> policy.admission(rule) != Admission.OFF).toList();
        if (denials.isEmpty()) {
            return new Decision(true, 0, null, warnings, rules);
        }
        StringBuilder message = new StringBuilder("natsguard: " + name + ":");
        for (Finding f : denials) {
            message.append(" [").append(f.ruleId()).append("] ").append(f.message());
            if (!f.position().file().equals(name)) {
                message.append(" (in ").append(f.position().file()).append(")");
            }
        }
        return new Decision(false, 403, shorten(message.toString(), MAX_MESSAGE_LENGTH), warnings, rules);
    }

    /**
     * The object without what the API server and kubectl keep for themselves: managedFields, and the
     * last-applied-configuration annotation (a second copy of the whole object, nats.conf included,
     * which must not be judged twice). Both are most of a review's bytes.
     */
    private static ObjectNode withoutBookkeeping(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        JsonNode metadata = copy.get("metadata");
        if (metadata instanceof ObjectNode meta) {
            meta.remove("managedFields");
            if (meta.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
            }
        }
        return copy;
    }

    private static String respond(String apiVersion, String uid, Decision decision) {
        ObjectNode root = JSON.createObjectNode();
        root.put("apiVersion", apiVersion);
        root.put("kind", "AdmissionReview");
        ObjectNode response = root.putObject("response");
        response.put("uid", uid);
        response.put("allowed", decision.allowed());
        if (!decision.allowed()) {
            ObjectNode status = response.putObject("status");
            status.put("code", decision.code());
            status.put("message", decision.message());
        }
        if (!decision.warnings().isEmpty()) {
            ArrayNode warnings = response.putArray("warnings");
            decision.warnings().forEach(warnings::add);
        }
        return root.toString();
    }

    private static Answer badRequest(String message) {
        return new Answer(400, KubeStatus.json(400, "BadRequest", message), null, null, false, false, List.of());
    }

    /** At most {@code max} characters (code points, as Kubernetes counts runes): a character is never cut in two. */
    static String shorten(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

}
