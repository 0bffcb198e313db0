package com.wawindow.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.infra.ProjectRoot;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in headless Chromium against the running system: data from signed webhooks, a window that closes,
 * a template sent from the page to the fake Twilio, and a viewer who cannot send. Takes the README's screenshots.
 */
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** The console's key: the running system's admin key, drawn at random for this run. */
    private static String apiKey;
    private static final Duration WINDOW = Duration.ofSeconds(25);
    private static final Duration LEAD = Duration.ofSeconds(2);
    private static final String CLOSED = "+6281300000001";
    private static final String OPEN = "+6281300000002";

    private static RunningSystem system;
    private static ConsoleProcess console;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        // CI installs Debian's chromium and chromium-driver; without them this test fails, it never passes silently
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "ConsoleBrowserIT needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + ": apt-get install -y chromium chromium-driver (nothing is downloaded by the test)");
        system = RunningSystem.start("console", WINDOW, Map.of("FOLLOWUP_DELAY", "PT1H"));
        apiKey = system.secrets.adminKey();
        console = ConsoleProcess.start(system, "console_it", apiKey, LEAD);
        profile = Files.createTempDirectory("console-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
        if (system != null) {
            system.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aSupportLeadSeesWindowsSendsATemplateOnceAndAViewerCannotSend() throws IOException {
        system.webhook(CLOSED, "SMbrowser000000000000000000000001", "Budi", "halo").statusCode(200);
        awaitTemplates();

        signIn("admin", ConsoleProcess.ADMIN_PASSWORD);
        addUser("browser-viewer", "viewer-password-123", "viewer");

        await().atMost(WINDOW.plusSeconds(30)).untilAsserted(() -> system.window(CLOSED).statusCode(200)
                .body("state", equalTo("CLOSED")));
        system.webhook(OPEN, "SMbrowser000000000000000000000002", "Sari", "is anyone there?").statusCode(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> system.window(OPEN).statusCode(200)
                .body("state", equalTo("OPEN")));

        // the list: the open contact with a countdown that ticks down in the page
        browser.get(console.url() + "/contacts");
        WebElement countdown = row(OPEN).findElement(By.cssSelector(".countdown"));
        assertEquals("open", row(OPEN).findElement(By.cssSelector(".dot")).getText());
        await().atMost(Duration.ofSeconds(5)).until(() -> countdown.getAttribute("data-remaining-seconds") != null);
        long first = Long.parseLong(countdown.getAttribute("data-remaining-seconds"));
        await().atMost(Duration.ofSeconds(5)).until(
                () -> Long.parseLong(countdown.getAttribute("data-remaining-seconds")) < first);
        assertTrue(countdown.getText().endsWith("s left"), countdown.getText());
        assertEquals("closed", row(CLOSED).findElement(By.cssSelector(".dot")).getText());
        screenshot("console-contacts.png");

        // a filter narrows the list
        new Select(browser.findElement(By.id("filter-state"))).selectByValue("open");
        browser.findElement(By.id("apply-filters")).click();
        // the click navigates: read the rows of the filtered page, not the ones of the page it leaves
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
            assertTrue(browser.getCurrentUrl().contains("state=open"), browser.getCurrentUrl());
            List<String> shown = browser.findElements(By.cssSelector("tr.contact")).stream()
                    .map(r -> r.getAttribute("data-contact-id")).toList();
            assertEquals(List.of(OPEN), shown, "state=open leaves only the open contact");
        });

        // a closed window: "Send a template" and no composer; the send reaches the fake Twilio once
        browser.get(console.url() + "/contacts?q=" + CLOSED.substring(1));
        assertEquals(CLOSED, browser.findElement(By.id("contact-id")).getText());
        assertEquals("Send a template", browser.findElement(By.id("send-template-title")).getText());
        assertTrue(browser.findElements(By.id("composer")).isEmpty(), "no free-form composer on a closed window");
        assertEquals(0, system.messagesTo(CLOSED).size(), "the default rule waits an hour: nothing sent yet");
        browser.findElement(By.id("send-template")).click();
        assertEquals("Template sent.", browser.findElement(By.id("notice")).getText());
        await().atMost(Duration.ofSeconds(10)).until(() -> system.messagesTo(CLOSED).size() >= 1);
        browser.navigate().refresh();
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> system.messagesTo(CLOSED).size() == 1);
        assertEquals(RunningSystem.CONTENT_SID, RunningSystem.form(system.messagesTo(CLOSED).get(0)).get("ContentSid"));
        // the inbound history the tracker keeps, and the send with its delivery status from the sender
        assertTrue(browser.findElement(By.id("inbound")).getText().contains("halo"), browser.findElement(By.id("inbound")).getText());
        List<WebElement> sends = browser.findElements(By.cssSelector("#dispatches tr[data-dispatch-id]"));
        assertEquals(1, sends.size(), "one send on the page");
        assertTrue(sends.get(0).getText().contains("message"), sends.get(0).getText());
        screenshot("console-contact.png");

        // what it cost: the template went outside the window, so it is billable, priced by the shipped table
        browser.get(console.url() + "/costs?by=template");
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
            browser.navigate().refresh();
            List<WebElement> cells = browser.findElements(
                    By.cssSelector("#costs tr[data-key='" + RunningSystem.CONTENT_SID + "'] td"));
            assertEquals("1", cells.get(1).getText(), "messages of the template");
            assertEquals("1", cells.get(2).getText(), "billable messages of the template");
            assertTrue(cells.get(3).getText().startsWith("USD 0.0"), cells.get(3).getText());
        });
        screenshot("console-costs.png");

        // the open contact offers the composer
        browser.get(console.url() + "/contacts/" + OPEN);
        assertTrue(browser.findElements(By.id("composer")).size() == 1, "an open window offers the composer");

        // a viewer sees no send button
        browser.findElement(By.id("sign-out")).click();
        signIn("browser-viewer", "viewer-password-123");
        browser.get(console.url() + "/contacts/" + CLOSED);
        assertTrue(browser.findElements(By.id("send-template")).isEmpty(), "a viewer has no send button");
        assertTrue(browser.findElements(By.id("composer")).isEmpty(), "a viewer has no composer");
        assertTrue(browser.findElement(By.id("read-only")).isDisplayed());
        assertEquals(1, system.messagesTo(CLOSED).size());
        assertTrue(!browser.getPageSource().contains(apiKey), "the API key never reaches the browser");
    }

    private static WebElement row(String contactId) {
        return browser.findElement(By.cssSelector("tr.contact[data-contact-id='" + contactId + "']"));
    }

    private static void signIn(String username, String password) {
        browser.get(console.url() + "/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        assertTrue(browser.findElement(By.id("who")).getText().startsWith(username), "signed in as " + username);
    }

    private static void addUser(String username, String password, String role) {
        browser.get(console.url() + "/users");
        browser.findElement(By.id("new-username")).sendKeys(username);
        browser.findElement(By.id("new-password")).sendKeys(password);
        new Select(browser.findElement(By.id("new-role"))).selectByValue(role);
        browser.findElement(By.id("add-user")).click();
        assertTrue(browser.findElement(By.id("notice")).getText().contains(username));
    }

    /** The sender syncs the fake Twilio's approved template at start; the page offers only approved ones. */
    private static void awaitTemplates() {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().header("Authorization", "Bearer " + apiKey)
                .get(system.url("followup-sender") + "/templates").then().extract().body().asString()
                .contains(RunningSystem.CONTENT_SID));
    }

    private static void screenshot(String name) throws IOException {
        Path target = ProjectRoot.find().resolve("docs").resolve(name);
        Files.createDirectories(target.getParent());
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
