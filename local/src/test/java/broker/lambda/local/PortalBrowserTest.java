package broker.lambda.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import broker.contract.BrokerEnv;
import broker.lambda.aws.FakeIam;
import broker.lambda.core.identity.IdentityClaims;
import broker.lambda.wiring.BrokerConfig;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The onboarding page in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven by
 * Selenium) against the local broker with the real handlers, mock-oauth2-server as the identity provider and a
 * stateful IAM on WireMock: sign in with the authorization code flow and PKCE, see who you are, create a long-term
 * key, see it listed, revoke it. Screenshots go to {@code target/portal-screenshots/}. Fails with one sentence when
 * Chromium or its driver is not installed (./test.sh installs them).
 */
class PortalBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");
    static final String PORTAL_CLIENT = "bedrock-broker-portal";
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/bedrock-users";
    static final String BOUNDARY = "arn:aws:iam::123456789012:policy/bedrock-broker-boundary";
    static final String SONNET = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final String ENTITLEMENTS = """
            {"version":1,
             "groups":{"developers":{"models":["%s"],"regions":["us-east-1","us-west-2"],"maxSessionSeconds":3600,
                                     "longTermKeys":{"allowed":true,"maxAgeDays":30,"defaultAgeDays":14,"maxKeys":2},
                                     "budget":{"dailyUsd":25}}}}"""
            .formatted(SONNET);
    static final FakeIam IAM_STATE = new FakeIam(Instant::now);

    @RegisterExtension
    static final WireMockExtension STS = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    @RegisterExtension
    static final WireMockExtension IAM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(IAM_STATE)).build();

    @TempDir
    static Path dir;

    static OidcFixture oidc;
    static RunningBroker broker;
    static RunningBroker brokerWithoutApiKeys;
    ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        // Not skipped when missing: ./test.sh installs both (a skipped browser test proves nothing).
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("Chromium or chromedriver is not installed: run ./test.sh (as root or with"
                    + " passwordless sudo) or apt-get install -y chromium chromium-driver.");
        }
        oidc = new OidcFixture();
        Path entitlements = Files.writeString(dir.resolve("entitlements.json"), ENTITLEMENTS);
        AwsCredentialsProvider aws = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBROKER", "broker-secret"));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        var options = new LocalBrokerOptions(0, List.of(OidcFixture.AUDIENCE, PORTAL_CLIENT), aws, quiet);
        broker = LocalBroker.start(config(entitlements, BOUNDARY), options);
        brokerWithoutApiKeys = LocalBroker.start(config(entitlements, null), options);
    }

    static BrokerConfig config(Path entitlements, String boundary) {
        return new BrokerConfig(ROLE_ARN, "us-east-1", BrokerConfig.loadEntitlements(entitlements), IdentityClaims.DEFAULTS,
                new BrokerConfig.ClientConfig(oidc.issuer(), OidcFixture.AUDIENCE, BrokerEnv.DEFAULT_SCOPES,
                        BrokerEnv.DEFAULT_REDIRECT_PORTS, SONNET, "", PORTAL_CLIENT),
                URI.create(STS.baseUrl()), URI.create(IAM.baseUrl()), BrokerEnv.DEFAULT_IAM_USER_PATH, boundary);
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
        if (brokerWithoutApiKeys != null) brokerWithoutApiKeys.close();
        if (oidc != null) oidc.close();
    }

    @BeforeEach
    void openBrowser() throws Exception {
        IAM.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withTransformers(FakeIam.NAME)));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium keeps dialling Google on a machine with no network.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,2600", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.quit();
    }

    @Test
    void portal_signInCreateListAndRevokeAKey_inARealBrowser() throws Exception {
        signIn(broker, "alice");
        assertThat(text("me-name")).isEqualTo("alice@example.com");
        assertThat(text("me-groups")).isEqualTo("developers");
        assertThat(text("grants")).contains(SONNET, "us-east-1, us-west-2");
        assertThat(text("long-term")).contains("up to 2 at a time", "30 days");
        assertThat(element("key-age").getDomProperty("value")).isEqualTo("14");

        element("key-label").sendKeys("laptop");
        element("create-key-button").click();
        await("the new key is shown", () -> element("new-key").isDisplayed());
        String secret = element("new-key-secret").getDomProperty("value");
        assertThat(IAM_STATE.user("alice").credentials).singleElement()
                .satisfies(credential -> assertThat(credential.secret()).isEqualTo(secret));
        await("the key is listed", () -> element("key-table").isDisplayed() && text("key-rows").contains("laptop"));
        assertThat(text("key-rows")).contains(IAM_STATE.user("alice").credentials.getFirst().id(), "active")
                .doesNotContain(secret);
        select("os", "powershell");
        assertThat(text("env-steps")).contains("$env:AWS_BEARER_TOKEN_BEDROCK = '" + secret + "'",
                "$env:CLAUDE_CODE_USE_BEDROCK = '1'", "$env:AWS_REGION = 'us-east-1'",
                // The person's own model from GET /v1/models: client-config recommends none (no default profile).
                "$env:ANTHROPIC_MODEL = '" + SONNET + "'");
        select("os", "macos");
        assertThat(text("env-steps")).contains("~/.zshrc", "export AWS_BEARER_TOKEN_BEDROCK='" + secret + "'");
        select("os", "cmd");
        assertThat(text("env-steps")).contains("setx AWS_BEARER_TOKEN_BEDROCK \"" + secret + "\"");
        assertThat(text("client-steps")).contains("bedrock-broker configure --url " + broker.baseUri());
        element("copy-key").click();
        await("the copy button confirms", () -> element("copy-key").getText().equals("Copied"));
        Path created = screenshot("portal-key-created.png");

        element("key-rows").findElement(By.cssSelector("button[aria-label^='Revoke key laptop']")).click();
        WebElement confirm = element("key-rows").findElement(By.cssSelector("button[aria-label^='Confirm: revoke key']"));
        assertThat(browser.switchTo().activeElement()).isEqualTo(confirm);
        confirm.sendKeys(Keys.ENTER);
        await("the key list is empty", () -> element("no-keys").isDisplayed());
        assertThat(IAM_STATE.user("alice").credentials).isEmpty();
        assertThat(element("new-key").isDisplayed()).isFalse();
        assertThat(text("env-steps")).doesNotContain(secret).contains("<your-long-term-key>");
        assertThat(text("status")).contains("revoked");
        Path revoked = screenshot("portal-key-revoked.png");
        System.out.println("Portal screenshots: " + created.toAbsolutePath() + " " + revoked.toAbsolutePath());
    }

    @Test
    void portal_isAccessible_labelsLandmarksAndKeyboard() throws Exception {
        signIn(broker, "bea");

        Object unlabelled = ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('input, select, textarea')]"
                        + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.id);");
        assertThat((List<?>) unlabelled).isEmpty();
        assertThat(browser.findElements(By.cssSelector("header, nav, main, footer"))).hasSize(4);
        assertThat(browser.findElement(By.cssSelector("html")).getDomAttribute("lang")).isEqualTo("en");
        Object nameless = ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('button')].filter(b => !(b.getAttribute('aria-label') || "
                        + "b.textContent).trim()).length;");
        assertThat(((Number) nameless).intValue()).isZero();

        // The form works from the keyboard alone: type a label, Enter submits it.
        element("key-label").sendKeys("keyboard", Keys.ENTER);
        await("the new key is shown", () -> element("new-key").isDisplayed());
        assertThat(browser.switchTo().activeElement()).isEqualTo(element("new-key"));
    }

    @Test
    void portal_withoutApiKeyRoutes_saysSoClearly() throws Exception {
        signIn(brokerWithoutApiKeys, "carl");

        await("the notice is shown", () -> element("keys-unavailable").isDisplayed());
        assertThat(text("keys-unavailable")).contains("Long-term API keys are not available on this broker");
        assertThat(element("create-key").isDisplayed()).isFalse();
        assertThat(element("setup").isDisplayed()).isTrue();
        assertThat(text("env-intro")).contains("You cannot create a long-term key here");
        screenshot("portal-no-api-keys.png");
    }

    @Test
    void portal_showsTheBudgetAsABar() throws Exception {
        signIn(broker, "erin");

        await("the budget is shown", () -> element("budget").isDisplayed());
        WebElement bar = element("budget-day");
        assertThat(bar.getTagName()).isEqualTo("progress");
        assertThat(bar.getDomProperty("max")).isEqualTo("25");
        assertThat(bar.getDomProperty("value")).isEqualTo("0");
        assertThat(text("budget-bars")).contains("Today (UTC): $0.00 of $25.00 (0 %), resets");
        assertThat(text("budget-state")).isEqualTo("Within your budget.");
        screenshot("portal-budget.png");
    }

    @Test
    void portal_signOut_forgetsTheToken() throws Exception {
        signIn(broker, "dan");

        element("sign-out").click();

        await("the sign-in button is back", () -> element("sign-in").isDisplayed());
        assertThat(element("me").isDisplayed()).isFalse();
        browser.navigate().refresh();
        await("still signed out after a reload", () -> element("sign-in").isDisplayed());
    }

    /** Opens the page, clicks "Sign in", and lets mock-oauth2-server sign {@code subject} in as a developer. */
    void signIn(RunningBroker target, String subject) {
        oidc.server().enqueueCallback(new DefaultOAuth2TokenCallback(OidcFixture.ISSUER_ID, subject, "JWT",
                List.of(PORTAL_CLIENT), Map.of("email", subject + "@example.com", "email_verified", true, "groups", List.of("developers")), 600));
        browser.get(target.baseUri() + "/portal");
        await("the sign-in button", () -> element("sign-in").isDisplayed());
        element("sign-in").click();
        await("signed in", () -> element("me").isDisplayed() && element("setup").isDisplayed());
        assertThat(browser.getCurrentUrl()).isEqualTo(target.baseUri() + "/portal");
        assertThat(element("error").isDisplayed()).as(text("error")).isFalse();
    }

    WebElement element(String id) {
        return browser.findElement(By.id(id));
    }

    String text(String id) {
        Object text = ((JavascriptExecutor) browser).executeScript("return document.getElementById(arguments[0]).textContent;", id);
        return text == null ? "" : text.toString();
    }

    void select(String id, String value) {
        ((JavascriptExecutor) browser).executeScript(
                "const s = document.getElementById(arguments[0]); s.value = arguments[1];"
                        + " s.dispatchEvent(new Event('change'));", id, value);
    }

    Path screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        return Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) return;
            } catch (RuntimeException e) {
                last = e; // the element is not there yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
        String error = "";
        try {
            error = text("error");
            screenshot("portal-failure.png");
        } catch (Exception e) {
            // best effort: the assertion below says what was awaited
        }
        throw new AssertionError("timed out waiting for " + what + "; page error: " + error
                + "; url: " + browser.getCurrentUrl(), last);
    }
}
