package broker.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** STS for the local broker: WireMock answering {@code AssumeRole} in the real Query/XML protocol. */
final class StsStub implements AutoCloseable {
    static final String ACCESS_KEY_ID = "ASIAIOSFODNN7EXAMPLE";
    /** The secret the broker signs bearer tokens with (the assumed role's). */
    static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";

    final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));

    StsStub() {
        server.start();
        stubAssumeRole(Duration.ofHours(1));
    }

    URI uri() {
        return URI.create(server.baseUrl());
    }

    void stubAssumeRole(Duration lifetime) {
        String expiration = Instant.now().plus(lifetime).truncatedTo(ChronoUnit.SECONDS).toString();
        server.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml").withBody("""
                        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <AssumeRoleResult>
                            <SourceIdentity>alice</SourceIdentity>
                            <AssumedRoleUser>
                              <Arn>arn:aws:sts::123456789012:assumed-role/bedrock-users/alice</Arn>
                              <AssumedRoleId>ARO123EXAMPLE123:alice</AssumedRoleId>
                            </AssumedRoleUser>
                            <Credentials>
                              <AccessKeyId>%s</AccessKeyId>
                              <SecretAccessKey>%s</SecretAccessKey>
                              <SessionToken>%s</SessionToken>
                              <Expiration>%s</Expiration>
                            </Credentials>
                            <PackedPolicySize>6</PackedPolicySize>
                          </AssumeRoleResult>
                          <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
                        </AssumeRoleResponse>""".formatted(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN,
                        expiration))));
    }

    int calls() {
        return server.countRequestsMatching(postRequestedFor(urlEqualTo("/")).build()).getCount();
    }

    @Override
    public void close() {
        server.stop();
    }
}
