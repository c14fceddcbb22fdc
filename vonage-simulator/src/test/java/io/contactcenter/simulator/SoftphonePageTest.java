package io.contactcenter.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.vonage.client.voice.Call;
import com.vonage.client.voice.PhoneEndpoint;
import com.vonage.client.voice.ncco.ConversationAction;
import com.vonage.client.voice.ncco.DtmfSettings;
import com.vonage.client.voice.ncco.InputAction;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.TalkAction;

import io.contactcenter.simulator.client.Settings;
import io.contactcenter.testsupport.HeadlessChromium;
import io.contactcenter.simulator.testing.SimulatorTestBase;
import io.contactcenter.simulator.testing.SimulatorTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The softphone page in real headless Chromium: a person dials, hears the menu, presses 1, waits in the queue, an
 * agent phone rings on the page and is answered there, the agent hangs up, the caller hears the survey and rates.
 */
@QuarkusTest
@WithTestResource(SimulatorTestResource.class)
class SoftphonePageTest extends SimulatorTestBase {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aPersonCanPlaceACallAndAnswerAsAnAgent() throws Exception {
        // real time: the menu's input times out after 5 simulated seconds, and a browser on a loaded CI machine
        // must see the menu and press 1 within that window
        simulator.settings(new Settings(1.0, null, null, null));
        try (HeadlessChromium browser = HeadlessChromium.launch()) {
            browser.navigate(simulatorUrl.toString());
            browser.waitFor("document.getElementById('factor') && document.getElementById('factor').value === '1'", WAIT);

            // an agent phone that rings until someone answers on the page
            browser.eval("document.getElementById('agentValue').value = '447700900601'");
            browser.eval("document.getElementById('register').click()");
            browser.waitFor("document.getElementById('timeline').innerText.includes('registered phone 447700900601')", WAIT);
            assertEquals("manual", simulator.endpoints().get(0).behaviour());

            // the caller dials and hears the menu
            browser.eval("document.getElementById('from').value = '447700900600'");
            browser.eval("document.getElementById('dial').click()");
            browser.waitFor("document.getElementById('heard').innerText.includes('Press 1 for Sales')", WAIT);
            String callId = browser.eval("document.getElementById('callId').textContent");
            browser.eval("[...document.querySelectorAll('#keypad button')].find(b => b.textContent === '1').click()");
            browser.waitFor("document.getElementById('heard').innerText.includes('music on hold')", WAIT);

            // routing creates the agent leg; the page shows it ringing and answers it
            String agentLeg = vonage().getVoiceClient().createCall(Call.builder().to(new PhoneEndpoint("447700900601"))
                    .from(SimulatorTestResource.NUMBER).ringingTimer(60)
                    .ncco(ConversationAction.builder("cc-" + callId).build()).build()).getUuid();
            browser.waitFor("[...document.querySelectorAll('#legs button')].some(b => b.textContent === 'Answer')", WAIT);
            browser.eval("[...document.querySelectorAll('#legs button')].find(b => b.textContent === 'Answer').click()");
            browser.waitFor("document.getElementById('heard').innerText.includes('started: talking')", WAIT);
            assertEquals("answered", simulator.call(agentLeg).status());
            browser.waitFor("[...document.querySelectorAll('#legs button')].some(b => b.textContent === 'Hang up')", WAIT);
            browser.eval("[...document.querySelectorAll('#legs button')].find(b => b.textContent === 'Hang up').click()");
            simulator.awaitStatus(agentLeg, WAIT, "completed");

            // the survey prompt reaches the caller on the page, who rates 4
            vonage().getVoiceClient().transferCall(callId, new Ncco(TalkAction.builder("Please rate us from 1 to 5").bargeIn(true).build(),
                    InputAction.builder().dtmf(DtmfSettings.builder().maxDigits(1).timeOut(10).build())
                            .eventUrl(cc.url("/webhooks/survey")).build()));
            browser.waitFor("document.getElementById('heard').innerText.includes('rate us')", WAIT);
            browser.eval("[...document.querySelectorAll('#keypad button')].find(b => b.textContent === '4').click()");
            browser.waitFor("document.getElementById('heard').innerText.includes('you rated us 4')", WAIT);
            browser.waitFor("document.getElementById('callState').textContent === 'completed'", WAIT);
            assertTrue(browser.eval("document.getElementById('timeline').innerText").contains("webhook"));
        } finally {
            simulator.timeFactor(SimulatorTestResource.TIME_FACTOR);
        }
    }
}
