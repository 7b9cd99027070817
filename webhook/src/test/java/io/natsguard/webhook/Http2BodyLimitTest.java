package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** quarkus.http.limits.max-body-size (7 MiB) over HTTP/2, h2 chosen by ALPN, with the JDK's client. */
@QuarkusTest
@QuarkusTestResource(RotatingCertificates.class)
class Http2BodyLimitTest {

    private static final int LIMIT = 7 * 1024 * 1024;

    @Test
    void aBodyOverTheLimitGets413() throws Exception {
        HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT + 1]));
        assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(answer.statusCode()).isEqualTo(413);
    }

    @Test
    void aBodyOfTheLimitIsRead() throws Exception {
        HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT]));
        assertThat(answer.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(answer.statusCode()).as("zeros are no AdmissionReview").isEqualTo(400);
    }

    private static HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return Https.client("tls").send(HttpRequest.newBuilder(URI.create(Https.BASE + "/validate")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }
}
