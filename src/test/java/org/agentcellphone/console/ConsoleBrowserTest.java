package org.agentcellphone.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.agentcellphone.model.Json;
import org.agentcellphone.support.Browser;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.ConsoleHome;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The console in a real headless Chromium: what it shows, that it updates by itself, and what it does. */
class ConsoleBrowserTest {

    private static Browser browser;
    private static ChromeDriver page;

    @TempDir
    Path tmp;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = Browser.start();
        page = browser.driver;
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        browser.close();
    }

    /** Opens the link the router printed: the token becomes the session cookie, the page loads without it. */
    private static void open(ConsoleHome console) throws Exception {
        page.get(console.base + "/?token=" + console.token());
        assertThat(page.getCurrentUrl()).isEqualTo(console.base + "/");
        await().atMost(Duration.ofSeconds(10)).until(() -> !page.findElements(By.cssSelector("#agents tr[data-agent]")).isEmpty());
    }

    private static Object js(String script) {
        return page.executeScript(script);
    }

    private static WebElement awaitElement(String css) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> !page.findElements(By.cssSelector(css)).isEmpty());
        return page.findElement(By.cssSelector(css));
    }

    /** Clicks what the selector finds; a part replaced by a refresh in the meantime is found again. */
    private static void click(String css) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .ignoreExceptionsInstanceOf(NoSuchElementException.class)
                .until(() -> {
                    page.findElement(By.cssSelector(css)).click();
                    return true;
                });
    }

    /** The text of what the selector finds, read again if a refresh replaced it. */
    private static String textOf(String css) {
        return await().atMost(Duration.ofSeconds(15)).ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> page.findElement(By.cssSelector(css)).getText(), t -> true);
    }

    @Test
    void thePageListsTheAgentsWithTheirStatusAndTheHumansInbox() throws Exception {
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), "")) {
            Files.writeString(console.home.root.resolve("agent_workspaces/Agent-7/status.json"),
                    "{\"status\":\"coding\",\"current_mission\":\"web front end\",\"last_updated\":\"2099-01-01T00:00:00Z\"}");
            Cli.Result sent = Cli.run(console.home.root, "send", "-s", "Agent-7", "-a", "Commander", "-m", "need a decision",
                    "--subject", "decision");
            assertThat(sent.exitCode()).as(sent.err()).isZero();
            console.home.awaitInboxCount("Commander", 1);
            open(console);

            List<String> agents = page.findElements(By.cssSelector("#agents tr[data-agent]")).stream()
                    .map(row -> row.getAttribute("data-agent")).toList();
            assertThat(agents).containsExactly("Agent-1", "Agent-2", "Agent-3", "Agent-4", "Agent-5", "Agent-6",
                    "Agent-7", "Agent-8");
            assertThat(textOf("#agents tr[data-agent='Agent-4'] td.id"))
                    .contains("captain");
            assertThat(textOf("#agents tr[data-agent='Agent-7']")).contains("coding", "web front end");
            assertThat(textOf("#inbox")).contains("1 unread of 1", "Agent-7", "decision");

            // the human reads it from the page: the receipt says so
            click("#inbox tr.msg");
            awaitElement("#detail form.ack button[type=button]");
            click("#detail form.ack button[type=button]");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    textOf("#notice").contains("marked"));
            String id = sent.out().strip();
            // the receipts shown follow by themselves
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    textOf("#detail .receipts tr[data-agent='Commander'] td.state").equals("read"));
            assertThat(Json.MAPPER.readTree(console.home.home.receipts().resolve(id + ".Commander.read.json").toFile())
                    .path("by").asText()).isEqualTo("console");
        }
    }

    @Test
    void aMessageSentWhileThePageIsOpenAppearsWithoutAReload() throws Exception {
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), "")) {
            open(console);
            js("window.cellphoneMarker = 'the same page';");
            Cli.Result sent = Cli.run(console.home.root, "send", "-s", "Agent-3", "-a", "Agent-5", "-m", "live update");
            assertThat(sent.exitCode()).as(sent.err()).isZero();
            String id = sent.out().strip();

            awaitElement("#flow tr.msg[data-id='" + id + "']");
            assertThat(textOf("#flow tr.msg[data-id='" + id + "']")).contains("Agent-3", "live update");
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    textOf("#flow tr.msg[data-id='" + id + "'] .chip[data-agent='Agent-5']").contains("delivered"));
            assertThat(js("return window.cellphoneMarker;")).isEqualTo("the same page");
            assertThat(js("return performance.getEntriesByType('navigation').length;")).isEqualTo(1L);
            // the agents' table follows too: Agent-5 has one unread message now
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    textOf("#agents tr[data-agent='Agent-5'] td.unread").equals("1"));
        }
    }

    @Test
    void composeFromThePageDeliversToTheAgentsChosen() throws Exception {
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), "")) {
            open(console);
            WebElement form = page.findElement(By.id("compose"));
            form.findElement(By.cssSelector("input[name=to][value='Agent-2']")).click();
            form.findElement(By.cssSelector("input[name=to][value='Agent-6']")).click();
            form.findElement(By.name("subject")).sendKeys("stand-up");
            form.findElement(By.name("content")).sendKeys("Everyone: stand-up in 5 minutes.");
            form.findElement(By.cssSelector("input[name=urgent]")).click();
            form.findElement(By.cssSelector("button[type=submit]")).click();

            await().atMost(Duration.ofSeconds(10)).until(() -> textOf("#notice").contains("sent"));
            assertThat(textOf("#notice")).contains("Agent-2", "Agent-6");
            for (String agent : List.of("Agent-2", "Agent-6")) {
                console.home.awaitInboxCount(agent, 1);
                assertThat(Files.readString(console.home.inbox(agent).get(0))).contains("**From**: Commander",
                        "**Priority**: urgent", "**Subject**: stand-up", "Everyone: stand-up in 5 minutes.");
            }
            Thread.sleep(500);
            for (String agent : List.of("Agent-1", "Agent-3", "Agent-4", "Agent-5", "Agent-7", "Agent-8")) {
                assertThat(console.home.inbox(agent)).as(agent).isEmpty();
            }
            // the form is ready for the next message
            assertThat(form.findElement(By.name("content")).getAttribute("value")).isEmpty();
            assertThat(form.findElement(By.cssSelector("input[name=to][value='Agent-2']")).isSelected()).isFalse();
        }
    }

    @Test
    void requeueFromThePageDeliversADeadLetterOnce() throws Exception {
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), "cellphone.retry.max-attempts = 2\n")) {
            TestHome home = console.home;
            home.blockInbox("Agent-3");
            home.drop("d.json", "{\"id\":\"dead-once\",\"from\":\"Agent-1\",\"to\":\"Agent-3\",\"content\":\"retry me\"}");
            home.awaitFailedCount(1);
            home.unblockInbox("Agent-3");
            open(console);

            awaitElement("#dead tr[data-id='dead-once']");
            assertThat(textOf("#dead tr[data-id='dead-once']")).contains("delivery-failed");
            click("#dead tr[data-id='dead-once'] button[hx-post$='/requeue']");
            await().atMost(Duration.ofSeconds(10)).until(() -> textOf("#notice").contains("requeued"));
            home.awaitInboxCount("Agent-3", 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> page.findElements(By.cssSelector("#dead tr[data-id]")).isEmpty());
            Thread.sleep(1000);
            assertThat(home.inboxIds("Agent-3")).containsExactlyEntriesOf(Map.of("dead-once", 1));
            assertThat(home.failedEntries()).isEmpty();
        }
    }

    @Test
    void aMessageContainingMarkupShowsAsTextAndRunsNothing() throws Exception {
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), "")) {
            String evil = "<script>window.pwned=1</script><img src=x onerror=\\\"window.pwned=2\\\"> <b>bold?</b>";
            console.home.drop("x.json", "{\"id\":\"markup-1\",\"from\":\"Agent-2\",\"to\":\"Commander\","
                    + "\"subject\":\"<i>subject</i><script>window.pwned=3</script>\",\"content\":\"" + evil + "\"}");
            console.home.awaitInboxCount("Commander", 1);
            open(console);

            awaitElement("#flow tr.msg[data-id='markup-1']");
            assertThat(textOf("#flow tr.msg[data-id='markup-1'] td.subject"))
                    .isEqualTo("<i>subject</i><script>window.pwned=3</script>");
            click("#flow tr.msg[data-id='markup-1']");
            WebElement text = awaitElement("#detail pre.text");
            assertThat(text.getText()).contains("<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"> "
                    + "<b>bold?</b>");
            assertThat(page.findElements(By.cssSelector("#detail img, #detail b, #detail i, #flow i, #inbox i, main script")))
                    .isEmpty();
            Thread.sleep(1000);
            assertThat(js("return typeof window.pwned;")).isEqualTo("undefined");
        }
    }

    @Test
    void theConsoleOfABusySwarmIsShownAndPhotographed() throws Exception {
        try (ConsoleHome console = ConsoleHome.start(tmp.resolve("home"), "cellphone.retry.max-attempts = 2\n")) {
            TestHome home = console.home;
            String[][] statuses = {{"Agent-1", "coding", "MCP tools"}, {"Agent-2", "reviewing", "store interface"},
                {"Agent-3", "idle", null}, {"Agent-4", "coordinating", "release 1.4"}, {"Agent-5", "testing", "soak"},
                {"Agent-6", "blocked", "waits for Agent-2"}, {"Agent-7", "coding", "console"}, {"Agent-8", "deploying", "v1.4"}};
            for (String[] s : statuses) {
                Files.writeString(home.root.resolve("agent_workspaces/" + s[0] + "/status.json"), "{\"status\":\"" + s[1]
                        + "\"" + (s[2] == null ? "" : ",\"current_mission\":\"" + s[2] + "\"") + ",\"last_updated\":\""
                        + java.time.Instant.now() + "\"}");
            }
            // a thousand messages delivered before the page opens
            for (int i = 0; i < 1000; i++) {
                home.drop("bulk-" + i + ".json", "{\"id\":\"bulk-" + i + "\",\"from\":\"Agent-" + (1 + i % 8)
                        + "\",\"to\":\"Agent-" + (1 + (i + 3) % 8) + "\",\"content\":\"progress note " + i + "\"}");
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> home.records().size() == 1000);
            String[][] talk = {
                {"Agent-4", "all", "Release 1.4: freeze at 17:00. Finish what you hold, hand over the rest."},
                {"Agent-6", "Agent-2", "Is the store interface settled? I am waiting on it."},
                {"Agent-2", "Commander", "Store interface ready for review; two open questions inside."},
                {"Agent-8", "Commander", "Deploy of v1.4 to staging done, smoke tests green."},
            };
            for (String[] t : talk) {
                Cli.Result r = t[1].equals("all") ? Cli.run(home.root, "broadcast", "-s", t[0], "-m", t[2])
                        : Cli.run(home.root, "send", "-s", t[0], "-a", t[1], "-m", t[2], "--ack-required");
                assertThat(r.exitCode()).as(r.err()).isZero();
            }
            // and one for an agent that does not exist
            home.drop("dead.json", "{\"id\":\"m-soak-report\",\"from\":\"Agent-1\",\"to\":\"Agent-9\",\"content\":\"soak report\"}");
            home.awaitFailedCount(1);
            home.awaitInboxCount("Commander", 2);
            Thread.sleep(500);

            open(console);
            Object load = js("var n = performance.getEntriesByType('navigation')[0];"
                    + "return Math.round(n.domContentLoadedEventEnd) + ' ' + Math.round(n.loadEventEnd);");
            assertThat(page.findElements(By.cssSelector("#flow tr.msg"))).hasSize(100);
            assertThat(textOf("#stats")).contains("delivered");
            // the newest first (the refused drop is in the dead letter only)
            assertThat(textOf("#flow tr.msg:nth-child(1) td.from") + " " + textOf("#flow tr.msg:nth-child(2) td.from")
                    + " " + textOf("#flow tr.msg:nth-child(3) td.from")).isEqualTo("Agent-8 Agent-2 Agent-6");
            assertThat(textOf("#dead")).contains("unknown-recipient", "Agent-9");

            awaitElement("#inbox tr.msg");
            click("#inbox tr.msg");
            awaitElement("#detail pre.text");
            // time for a refresh of every part, so the picture shows the page as it stays
            Thread.sleep(1200);
            js("window.scrollTo(0, 0);");
            Path shot = Path.of("target/console.png");
            Files.createDirectories(shot.getParent());
            Files.copy(page.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
            assertThat(Files.size(shot)).isGreaterThan(10_000);
            String[] ms = load.toString().split(" ");
            Files.writeString(Path.of("target/console-load.txt"), "console page with 1,000 delivered messages, in "
                    + "headless Chromium: DOMContentLoaded " + ms[0] + " ms, load " + ms[1] + " ms\n");
        }
    }
}
