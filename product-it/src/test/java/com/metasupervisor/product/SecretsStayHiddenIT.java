package com.metasupervisor.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.metasupervisor.platform.credentials.AccessTokens;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16, acceptance 4: no secret in any log line, exception message, metric, HTTP answer, record or pull request.
 * {@code ./ms run} runs as a user runs it, with recognisable secrets in its environment (which the launcher, and every
 * service it starts, inherits): a GitHub token for reporting's github backend pointed at a stub that refuses it (401),
 * an SMTP password a real SMTP server (GreenMail) refuses, a webhook URL whose path is the secret, to a server answering
 * 500; and the installation's own token secret and operator token. Every service's failure paths are driven over HTTP
 * (no token, a malformed one holding a secret, one signed with another secret, an expired one, an agent's token on an
 * operator endpoint, an agent posting as another, an operator token posting events), an operator's kill gives
 * reporting a decision whose pull request and webhook post fail, and its daily summary (every 15 s here) fails at the
 * SMTP login. Then everything captured is scanned for
 * every secret in every form ({@link RecognisableSecrets}): each file of the run and data directories (the
 * credentials excepted), the console, every HTTP answer, each service's /prometheus, every record of every topic, the
 * config repository's git objects, what GreenMail received, the bodies and headers (Authorization excepted: that is
 * where the token belongs) of what the stubs received. That the failure paths really ran is asserted first (status
 * codes, {@code ms_access_refused_total} by reason, the ledger's FAILED actions, the stubs' requests), so the scan
 * cannot pass on nothing. Data and logs stay under {@code target/it/SecretsStayHiddenIT}.
 */
class SecretsStayHiddenIT {

    private static final String SMTP_USER = "reporting";
    /** GreenMail knows the user by another password: the one in the run's environment is refused. */
    private static final String SMTP_RIGHT_PASSWORD = "the-right-password-which-is-not-the-one-configured";
    private static final String OPERATOR = "local-operator";
    private static final String AGENT = "secrets-agent-a";
    private static final String OTHER_AGENT = "secrets-agent-b";
    private static final String VICTIM = "secrets-victim-agent";
    private static final Duration LEDGER_TIMEOUT = Duration.ofMinutes(2);
    /** Reporting's attempts of an action that keeps failing retryably (the webhook's 500s). */
    private static final int ATTEMPTS = 3;
    private static final Pattern REFUSED = Pattern.compile("^ms_access_refused_total\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern REASON = Pattern.compile("reason=\"([a-z_]+)\"");

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(SMTP_USER, SMTP_RIGHT_PASSWORD));

    private final HttpTranscript http = new HttpTranscript();
    private final SoftAssertions softly = new SoftAssertions();

    @Test
    void noSecretLeavesAnyServiceThroughItsLogsAnswersMetricsRecordsMailsOrPullRequests() throws Exception {
        Path work = Path.of("target", "it", "SecretsStayHiddenIT").toAbsolutePath().normalize();
        deleteTree(work);
        Path data = work.resolve("data");
        Path runDir = work.resolve("run");
        // new values every run: a hit cannot come from an earlier run's leftovers
        String salt = UUID.randomUUID().toString().replace("-", "");
        RecognisableSecrets secrets = new RecognisableSecrets()
                .add("GITHUB_TOKEN", "ghp_MSSECRETgithub" + salt + "0123456789")
                .add("REPORTING_SMTP_PASSWORD", "MSSECRET-smtp-" + salt + "-password")
                .add("webhook URL secret", "MSSECRET-webhook-" + salt + "-path")
                .add("malformed bearer token", "MSSECRET-bad-token-" + salt + "-xyz");

        try (RecordingHttpStub github = RecordingHttpStub.answering(401,
                "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}");
             RecordingHttpStub webhook = RecordingHttpStub.answering(500, "{\"ok\":false}");
             MsRunProcess run = MsRunProcess.start(data, runDir, environment(secrets, github, webhook))) {
            run.awaitHealthy();
            Map<String, String> services = run.serviceUrls();
            assertThat(services.keySet()).as("every service of the catalog running").containsExactlyInAnyOrder(
                    "reconciler-service", "risk-service", "allocator-service", "governance-service", "reporting-service");

            String tokenSecret = Files.readString(data.resolve("credentials/token-secret"), StandardCharsets.UTF_8).strip();
            String operatorToken = run.operatorToken(); // where the console says, as a user finds it
            Instant now = Instant.now();
            String otherSecret = AccessTokens.newSecret();
            secrets.add("the installation's token secret", tokenSecret)
                    .addToken("the installation's operator token", operatorToken)
                    .add("another installation's token secret", otherSecret)
                    .addToken("an agent's token", AccessTokens.issue(tokenSecret, AGENT, AccessTokens.AGENT, now, Duration.ofHours(1)))
                    .addToken("a token signed with another secret",
                            AccessTokens.issue(otherSecret, OPERATOR, AccessTokens.OPERATOR, now, Duration.ofHours(1)))
                    .addToken("an expired operator token",
                            AccessTokens.issue(tokenSecret, OPERATOR, AccessTokens.OPERATOR, now.minus(Duration.ofHours(2)), Duration.ofHours(1)));
            Credentials credentials = new Credentials(secrets);

            // from here on every check is soft: the scan runs and reports even when a failure path answered otherwise
            // our own loggers at DEBUG everywhere (an operator's right), so the failure paths log all they have
            services.values().forEach(url -> softly.assertThat(http.post(url + "/loggers/com.metasupervisor", Optional.of(operatorToken),
                    "{\"configuredLevel\":\"DEBUG\"}").status()).as("an operator sets a log level at " + url).isBetween(200, 204));

            services.forEach((name, url) -> refusedEverywhere(name, url, credentials));
            reconcilerRefusals(services.get("reconciler-service"), credentials, operatorToken);
            governanceRefusalsThenAKill(services.get("governance-service"), credentials, operatorToken);
            allocatorRefusals(services.get("allocator-service"), credentials);

            List<JsonNode> failed = awaitFailedActions(services.get("reporting-service"));
            Map<String, String> prometheus = new TreeMap<>();
            services.forEach((name, url) -> prometheus.put(name, http.get(url + "/prometheus", Optional.empty()).body()));
            // answers that carry the failures' words too: health details (the executor's last error), the whole ledger
            services.values().forEach(url -> http.get(url + "/health", Optional.empty()));
            http.get(services.get("reporting-service") + "/ledger?limit=1000", Optional.empty());
            assertRefusalsCounted(prometheus);
            assertOutsideCallsFailed(failed, github, webhook, secrets);

            SecretScan scan = new SecretScan(secrets);
            scan.broker(run.kafkaBootstrap());
            run.stop();

            scan.files("files of the run directory", runDir, file -> false);
            // the credentials are where the secret and the operator's token belong; everything else is scanned
            scan.files("files of the data directory", data, file -> file.startsWith(data.resolve("credentials")));
            scan.gitObjects(data.resolve("services/governance-service/config-repo"));
            scan.text("the console", "the console of ./ms run", String.join("\n", run.consoleLines()));
            http.answers().forEach(answer -> scan.text("HTTP answers", answer.where(), answer.text()));
            for (MimeMessage mail : SMTP.getReceivedMessages()) {
                scan.text("mails received", "mail " + mail.getMessageID(), GreenMailUtil.getWholeMessage(mail));
            }
            for (RecordingHttpStub.Received request : github.received()) {
                scan.text("requests received by the GitHub stub", "GitHub stub " + request.method() + " " + request.path() + " headers",
                        request.headersButAuthorization());
                scan.bytes("requests received by the GitHub stub", "GitHub stub " + request.method() + " " + request.path() + " body",
                        request.body());
            }
            for (RecordingHttpStub.Received request : webhook.received()) {
                scan.text("requests received by the webhook", "webhook " + request.method() + " headers", request.headersButAuthorization());
                scan.bytes("requests received by the webhook", "webhook " + request.method() + " body", request.body());
            }

            System.out.println("SecretsStayHiddenIT scanned " + new TreeMap<>(scan.scanned()) + " for " + secrets.names());
            softly.assertThat(scan.scanned()).as("what was scanned").containsKeys("files of the run directory",
                    "files of the data directory", "records of every topic", "git objects of the config repository", "HTTP answers");
            softly.assertThat(scan.scanned().getOrDefault("records of every topic", 0L)).as("records scanned").isPositive();
            softly.assertThat(scan.hits()).as(() -> "secrets found (where: secret (form) in \"context\"):\n"
                    + scan.hits().stream().map(Object::toString).collect(Collectors.joining("\n"))).isEmpty();
        }
        softly.assertAll();
    }

    /** The tokens the failure paths send. */
    private record Credentials(String malformed, String agent, String otherSecret, String expired) {
        Credentials(RecognisableSecrets secrets) {
            this(secrets.value("malformed bearer token"), secrets.value("an agent's token"),
                    secrets.value("a token signed with another secret"), secrets.value("an expired operator token"));
        }
    }

    /**
     * The environment {@code ./ms run} and its services inherit. Only keys no run-config sets: the launcher passes its
     * services' own keys (ports, Kafka, the config repository's path) as system properties, which win over these.
     */
    private static Map<String, String> environment(RecognisableSecrets secrets, RecordingHttpStub github, RecordingHttpStub webhook) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("REPORTING_CONFIG_REPO_BACKEND", "github");
        env.put("GITHUB_TOKEN", secrets.value("GITHUB_TOKEN"));
        env.put("GITHUB_REPOSITORY", "acme/fleet-config");
        env.put("GITHUB_API_URL", github.baseUrl());
        env.put("REPORTING_PULL_REQUESTS_DEBOUNCE", "PT1S");
        env.put("REPORTING_PULL_REQUESTS_MAX_WAIT", "PT2S");
        env.put("REPORTING_WEBHOOK_URL", webhook.baseUrl() + "/hooks/" + secrets.value("webhook URL secret"));
        env.put("REPORTING_EMAIL_ENABLED", "true");
        env.put("REPORTING_EMAIL_HOST", "127.0.0.1");
        env.put("REPORTING_EMAIL_PORT", Integer.toString(SMTP.getSmtp().getPort()));
        env.put("REPORTING_EMAIL_STARTTLS", "false"); // GreenMail's plain SMTP; the login is what it refuses
        env.put("REPORTING_EMAIL_TO", "ops@example.org");
        env.put("REPORTING_EMAIL_USERNAME", SMTP_USER);
        env.put("REPORTING_SMTP_PASSWORD", secrets.value("REPORTING_SMTP_PASSWORD"));
        // a daily summary every 15 s (the first one after the start), so that an e-mail is tried within the test
        env.put("REPORTING_EMAIL_DAILY_CRON", "*/15 * * * * *");
        // a failing webhook gives up after 3 attempts within 6 s, not 8 over minutes (the daily summary waits as long
        // for the report history to catch up, which it has long before on topics this empty)
        env.put("REPORTING_EXECUTOR_MAX_ATTEMPTS", Integer.toString(ATTEMPTS));
        env.put("REPORTING_EXECUTOR_RETRY_INITIAL", "PT2S");
        return env;
    }

    /** On every service: {@code /loggers} (OPERATOR) refuses no token, a malformed, a foreign, an expired one (401), an agent (403). */
    private void refusedEverywhere(String service, String url, Credentials credentials) {
        String loggers = url + "/loggers/ROOT";
        String body = "{\"configuredLevel\":\"TRACE\"}";
        softly.assertThat(http.post(loggers, Optional.empty(), body).status()).as(service + " /loggers without a token").isEqualTo(401);
        softly.assertThat(http.get(url + "/loggers", Optional.empty()).status()).as(service + " GET /loggers without a token").isEqualTo(401);
        softly.assertThat(http.post(loggers, Optional.of(credentials.malformed()), body).status()).as(service + " a malformed token").isEqualTo(401);
        softly.assertThat(http.post(loggers, Optional.of(credentials.otherSecret()), body).status()).as(service + " a token of another secret")
                .isEqualTo(401);
        softly.assertThat(http.post(loggers, Optional.of(credentials.expired()), body).status()).as(service + " an expired token").isEqualTo(401);
        softly.assertThat(http.post(loggers, Optional.of(credentials.agent()), body).status()).as(service + " an agent's token").isEqualTo(403);
        softly.assertThat(http.get(url + "/loggers", Optional.of(credentials.agent())).status()).as(service + " GET /loggers, agent").isEqualTo(403);
    }

    private void reconcilerRefusals(String url, Credentials credentials, String operatorToken) {
        softly.assertThat(http.post(url + "/models/24/train", Optional.of(credentials.agent()), "").status())
                .as("an agent training a model").isEqualTo(403);
        softly.assertThat(http.post(url + "/models/24/train", Optional.of(credentials.malformed()), "").status())
                .as("a malformed token training a model").isEqualTo(401);
        String asAnother = alphaEvent(OTHER_AGENT);
        softly.assertThat(http.post(url + "/alpha-events", Optional.of(credentials.agent()), asAnother).status())
                .as("an agent posting as another").isEqualTo(403);
        softly.assertThat(http.post(url + "/alpha-events", Optional.of(credentials.expired()), alphaEvent(AGENT)).status())
                .as("an expired token posting").isEqualTo(401);
        softly.assertThat(http.post(url + "/alpha-events", Optional.of(operatorToken), alphaEvent(OPERATOR)).status())
                .as("an operator posting events").isEqualTo(403);
    }

    private void governanceRefusalsThenAKill(String url, Credentials credentials, String operatorToken) {
        String reason = "{\"reason\":\"secrets scan\"}";
        softly.assertThat(http.post(url + "/ops/agents/" + VICTIM + "/kill", Optional.of(credentials.agent()), reason).status())
                .as("an agent killing an agent").isEqualTo(403);
        softly.assertThat(http.post(url + "/ops/agents/" + VICTIM + "/kill", Optional.of(credentials.otherSecret()), reason).status())
                .as("a foreign operator token killing an agent").isEqualTo(401);
        softly.assertThat(http.post(url + "/ops/strategies/momentum/disable", Optional.of(credentials.agent()), reason).status())
                .as("an agent disabling a class").isEqualTo(403);
        softly.assertThat(http.post(url + "/ops/agents/" + VICTIM + "/kill", Optional.of(operatorToken), reason).status())
                .as("the operator kills an agent (reporting's decision to act on)").isEqualTo(202);
    }

    private void allocatorRefusals(String url, Credentials credentials) {
        softly.assertThat(http.post(url + "/ops/guardian", Optional.of(credentials.agent()), "{\"paused\":true,\"reason\":\"secrets scan\"}")
                .status()).as("an agent pausing the guardian").isEqualTo(403);
        softly.assertThat(http.post(url + "/ops/regime", Optional.of(credentials.agent()), "{\"regime\":\"CRISIS\",\"risk_multiplier\":0.5}")
                .status()).as("an agent setting the regime").isEqualTo(403);
        softly.assertThat(http.post(url + "/ops/regime", Optional.of(credentials.expired()), "{\"regime\":\"CRISIS\",\"risk_multiplier\":0.5}")
                .status()).as("an expired token setting the regime").isEqualTo(401);
    }

    /** One valid call (what an agent posts), in {@code agent}'s name. */
    private static String alphaEvent(String agent) {
        return "{\"event_id\":\"secrets-call-1\",\"agent\":\"" + agent + "\",\"symbol\":\"SCRT\",\"direction\":1,\"score_final\":0.5,"
                + "\"confidence\":0.7,\"regime\":\"TREND\",\"emitted_at\":" + Instant.now().minusSeconds(5).toEpochMilli() + "}";
    }

    /** Reporting's ledger until the kill's pull request, its webhook post and an e-mail have each FAILED; those actions. */
    private List<JsonNode> awaitFailedActions(String reporting) {
        List<JsonNode> failed = new ArrayList<>();
        try {
            await("reporting's pull request, webhook post and e-mail FAILED on the ledger").atMost(LEDGER_TIMEOUT)
                    .pollInterval(Duration.ofSeconds(2)).until(() -> {
                        HttpTranscript.Answer answer = http.get(reporting + "/ledger?status=FAILED&limit=1000", Optional.empty());
                        failed.clear();
                        if (answer.status() == 200) {
                            InstallationProbe.parse(answer.body()).forEach(failed::add);
                        }
                        Set<String> kinds = failed.stream().map(a -> a.get("kind").asText()).collect(Collectors.toSet());
                        return kinds.containsAll(Set.of("PULL_REQUEST", "WEBHOOK", "EMAIL"));
                    });
        } catch (ConditionTimeoutException e) {
            softly.fail(e.getMessage() + "; FAILED on the ledger: "
                    + failed.stream().map(a -> a.path("kind").asText() + " (" + a.path("detail").asText() + ")").toList());
        }
        return List.copyOf(failed);
    }

    /** Each service counted its refusals by reason: the failure paths ran through the framework, not around it. */
    private void assertRefusalsCounted(Map<String, String> prometheus) {
        prometheus.forEach((service, text) -> {
            Map<String, Double> refused = new HashMap<>();
            Matcher line = REFUSED.matcher(text);
            while (line.find()) {
                Matcher reason = REASON.matcher(line.group(1));
                if (reason.find()) {
                    refused.merge(reason.group(1), Double.parseDouble(line.group(2)), Double::sum);
                }
            }
            softly.assertThat(refused).as(service + ": ms_access_refused_total by reason").containsKeys("no_credential", "bad_credential", "wrong_role");
            softly.assertThat(refused.get("no_credential")).as(service + " no_credential").isGreaterThanOrEqualTo(2);
            // malformed, another secret's, expired
            softly.assertThat(refused.get("bad_credential")).as(service + " bad_credential").isGreaterThanOrEqualTo(3);
            softly.assertThat(refused.get("wrong_role")).as(service + " wrong_role").isGreaterThanOrEqualTo(2);
            if (service.equals("reconciler-service")) {
                softly.assertThat(refused.get("other_agent")).as("reconciler other_agent").isGreaterThanOrEqualTo(1);
                // /loggers twice, an agent training, an operator posting events
                softly.assertThat(refused.get("wrong_role")).as("reconciler wrong_role").isGreaterThanOrEqualTo(4);
            }
        });
    }

    /** The secrets were really used: GitHub got the token and refused it, the webhook got posts, GreenMail refused the login. */
    private void assertOutsideCallsFailed(List<JsonNode> failed, RecordingHttpStub github, RecordingHttpStub webhook,
                                                 RecognisableSecrets secrets) {
        softly.assertThat(github.received()).as("requests the GitHub stub received, with the token in the Authorization header")
                .flatExtracting(RecordingHttpStub.Received::authorization)
                .anySatisfy(value -> assertThat(value).endsWith(secrets.value("GITHUB_TOKEN")));
        softly.assertThat(webhook.received()).as("posts to the webhook (every attempt)").hasSizeGreaterThanOrEqualTo(ATTEMPTS)
                .allSatisfy(request -> assertThat(request.path()).endsWith(secrets.value("webhook URL secret")));
        softly.assertThat(SMTP.getReceivedMessages()).as("mails GreenMail accepted (none: it refused the login)").isEmpty();
        Map<String, String> detailByKind = new TreeMap<>();
        failed.forEach(action -> detailByKind.merge(action.get("kind").asText(), action.path("detail").asText(), (a, b) -> a + " | " + b));
        softly.assertThat(detailByKind.get("PULL_REQUEST")).as("the pull request's failure: GitHub refused the token").contains("401");
        softly.assertThat(detailByKind.get("WEBHOOK")).as("the webhook's failure, after its retries").contains("gave up after " + ATTEMPTS + " attempts")
                .contains("answered 500");
        softly.assertThat(detailByKind.get("EMAIL")).as("the e-mail's failure: the SMTP server refused the login")
                .contains("refused the login of " + SMTP_USER);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
