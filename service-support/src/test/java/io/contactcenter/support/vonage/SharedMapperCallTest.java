package io.contactcenter.support.vonage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vonage.client.voice.Call;
import com.vonage.client.voice.PhoneEndpoint;
import com.vonage.client.voice.SipEndpoint;
import com.vonage.client.voice.ncco.ConversationAction;
import org.junit.jupiter.api.Test;

/** The shared mapper writes the body the SDK would have written. */
class SharedMapperCallTest {

    @Test
    void writesTheSameJsonAsTheSdk() {
        Call call = Call.builder()
                .to(new PhoneEndpoint("447700900001"))
                .from("447700900100")
                .eventUrl("https://gateway.example/webhooks/event?call=c-1&agent=a-1")
                .ringingTimer(30)
                .ncco(ConversationAction.builder("cc-c-1").startOnEnter(true).endOnExit(false).build())
                .build();

        String json = new SharedMapperCall(call).toJson();

        assertEquals(call.toJson(), json);
        assertTrue(json.contains("\"ringing_timer\":30"), json);
        assertTrue(json.contains("\"event_url\":[\"https://gateway.example/webhooks/event?call=c-1&agent=a-1\"]"), json);
    }

    @Test
    void keepsTheEndpointType() {
        Call call = Call.builder()
                .to(new SipEndpoint("sip:agent@pbx.example"))
                .from("447700900100")
                .ncco(ConversationAction.builder("cc-c-2").build())
                .build();

        assertEquals(call.toJson(), new SharedMapperCall(call).toJson());
    }
}
