package io.contactcenter.systemtests;

import io.contactcenter.testsupport.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;

/** The agent desk (agent-directory's {@code /desk/}) in headless Chromium, driven as an agent would. */
final class DeskPage implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);

    private final HeadlessChromium browser;

    DeskPage(String directoryUrl) throws Exception {
        browser = HeadlessChromium.launch();
        browser.navigate(directoryUrl + "/desk/");
        browser.waitFor("document.getElementById('sign-in-button') && !document.getElementById('sign-in-button').disabled",
                WAIT);
    }

    void signIn(String name, String password) throws Exception {
        browser.eval("document.getElementById('name').value = " + js(name) + ";"
                + "document.getElementById('password').value = " + js(password) + ";"
                + "document.getElementById('sign-in-form').requestSubmit()");
        browser.waitFor("!document.getElementById('desk').hidden && document.getElementById('state').dataset.state", WAIT);
    }

    /** Picks a status in the selector, as the agent does. */
    void status(String status) throws Exception {
        browser.eval("const s = document.getElementById('status'); s.value = " + js(status) + ";"
                + "s.dispatchEvent(new Event('change'))");
        awaitTrue("document.getElementById('status').value === " + js(status)
                + " && document.getElementById('state-detail').textContent.includes(" + js(status.toLowerCase()) + ")");
    }

    void awaitState(String state) throws Exception {
        awaitTrue("document.getElementById('state').dataset.state === " + js(state));
    }

    void awaitTrue(String expression) throws Exception {
        browser.waitFor(expression, WAIT);
    }

    void awaitText(String id, String contained) throws Exception {
        awaitTrue("(document.getElementById(" + js(id) + ").textContent || '').includes(" + js(contained) + ")");
    }

    /** Waits until the button is shown, then presses it. */
    void press(String id) throws Exception {
        awaitTrue("!document.getElementById(" + js(id) + ").hidden && !document.getElementById(" + js(id) + ").disabled");
        browser.eval("document.getElementById(" + js(id) + ").click()");
    }

    boolean shown(String id) throws Exception {
        return "false".equals(browser.eval("document.getElementById(" + js(id) + ").hidden"));
    }

    String text(String id) throws Exception {
        return browser.eval("document.getElementById(" + js(id) + ").textContent");
    }

    /** Sets a form field's value. */
    void fill(String id, String value) throws Exception {
        browser.eval("document.getElementById(" + js(id) + ").value = " + js(value));
    }

    /** Picks the disposition, writes the note and saves it. */
    void dispose(String code, String note) throws Exception {
        // codes are [A-Z0-9_]: no quoting needed in the selector
        awaitTrue("!document.getElementById('wrap-up').hidden && document.querySelector('#disposition option[value="
                + code + "]')");
        fill("disposition", code);
        fill("note", note);
        browser.eval("document.getElementById('disposition-form').requestSubmit()");
        awaitText("disposition-message", "Saved");
    }

    void dial(String number) throws Exception {
        fill("number", number);
        browser.eval("document.getElementById('dial-form').requestSubmit()");
    }

    void screenshot(Path file) throws Exception {
        browser.screenshot(file);
    }

    private static String js(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Override
    public void close() {
        browser.close();
    }
}
