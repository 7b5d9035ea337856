package com.metasupervisor.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The scan's recognition of a secret: every form, wherever it sits in an encoded text, and nothing else. */
class RecognisableSecretsTest {

    private static final String SECRET = "MSSECRET-smtp-0123456789abcdef/+=?&";
    private final RecognisableSecrets secrets = new RecognisableSecrets().add("smtp", SECRET);

    @Test
    void findsTheSecretAsItIsWithItsLineAndContextShowingItsNameNotItsValue() {
        String log = "first line\n2026-11-30 INFO login as reporting with " + SECRET + " refused\nlast";

        assertThat(secrets.scan(log, "reporting-service.log", true)).singleElement().satisfies(hit -> {
            assertThat(hit.where()).isEqualTo("reporting-service.log:2");
            assertThat(hit.form()).isEqualTo("as is");
            assertThat(hit.context()).isEqualTo("n as reporting with <smtp> refused.last").doesNotContain(SECRET);
        });
    }

    @Test
    void findsItBase64EncodedAfterAnyNumberOfOtherBytesInBothAlphabets() {
        for (int before = 0; before < 7; before++) {
            byte[] text = ("x".repeat(before) + "user:" + SECRET + " and more").getBytes(StandardCharsets.UTF_8);
            String standard = Base64.getEncoder().encodeToString(text);
            String url = Base64.getUrlEncoder().encodeToString(text);

            assertThat(secrets.scan("Authorization: Basic " + standard, "header", false)).as("base64 after %d bytes", before)
                    .anySatisfy(hit -> assertThat(hit.form()).startsWith("base64+"));
            assertThat(secrets.scan("{\"blob\":\"" + url + "\"}", "record", false)).as("base64url after %d bytes", before)
                    .anySatisfy(hit -> assertThat(hit.form()).startsWith("base64"));
        }
    }

    @Test
    void findsItUrlEncodedAndInHex() {
        String query = "GET /login?password=" + URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
        String dump = "bytes " + HexFormat.of().formatHex(SECRET.getBytes(StandardCharsets.UTF_8));

        assertThat(secrets.scan(query, "answer", false)).extracting(RecognisableSecrets.Hit::form).contains("URL-encoded");
        assertThat(secrets.scan(dump, "file", false)).extracting(RecognisableSecrets.Hit::form).contains("hex");
    }

    @Test
    void findsATokenBySignatureAloneAndNothingInATextWithoutSecrets() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsb2NhbC1vcGVyYXRvciJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi0xMjM0NTY3OA";
        RecognisableSecrets tokens = new RecognisableSecrets().addToken("operator token", jwt);

        assertThat(tokens.scan("refused: signature c2lnbmF0dXJlLW9mLXRoZS10b2tlbi0xMjM0NTY3OA does not verify", "log", false))
                .extracting(RecognisableSecrets.Hit::form).containsExactly("its signature");
        assertThat(tokens.scan("refused: eyJhbGciOiJIUzI1NiJ9 (the header alone is no secret)", "log", false)).isEmpty();
        assertThat(secrets.scan("MSSECRET-smtp-0123456789abcdef/+=!", "almost", false)).as("a near miss").isEmpty();
    }
}
