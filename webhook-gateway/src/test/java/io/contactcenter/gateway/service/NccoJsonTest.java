package io.contactcenter.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.vonage.client.voice.ncco.ConnectAction;
import com.vonage.client.voice.ncco.ConversationAction;
import com.vonage.client.voice.ncco.DtmfSettings;
import com.vonage.client.voice.ncco.InputAction;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.PhoneEndpoint;
import com.vonage.client.voice.ncco.TalkAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared mapper writes every kind of NCCO the gateway answers with exactly as the SDK's own toJson(). */
class NccoJsonTest {

    @Test
    void sameBytesAsTheSdkForEveryNccoShape() {
        List<Ncco> nccos = List.of(
                new Ncco(TalkAction.builder("Welcome. For Sales press 1, for Support press 2.").bargeIn(true).build(),
                        InputAction.builder().dtmf(DtmfSettings.builder().maxDigits(1).timeOut(5).build())
                                .eventUrl("https://gateway.test/webhooks/input?attempt=1&from=447700900123").build()),
                new Ncco(TalkAction.builder("Please wait while we connect you to Sales").build(),
                        ConversationAction.builder("cc-0b5c1d2e-1111-2222-3333-444455556666").startOnEnter(false)
                                .endOnExit(false).musicOnHoldUrl("https://gateway.test/moh.mp3").build()),
                new Ncco(TalkAction.builder("Connecting").build(),
                        ConnectAction.builder(PhoneEndpoint.builder("447700900999").build()).from("447700900000").build()),
                new Ncco(TalkAction.builder("Goodbye.").build()));
        for (Ncco ncco : nccos) {
            assertEquals(ncco.toJson(), Nccos.json(ncco));
        }
    }
}
