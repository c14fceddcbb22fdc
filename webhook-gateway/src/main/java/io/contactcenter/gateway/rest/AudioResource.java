package io.contactcenter.gateway.rest;

import io.contactcenter.gateway.audio.HoldTrack;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The built-in hold music, public (Vonage fetches it without credentials; it is no secret) at
 * {@code <GATEWAY_PUBLIC_URL>/audio/hold.wav}: cacheable for a day with a strong ETag, single byte ranges answered
 * with 206 so players can seek or resume.
 */
@Path(AudioResource.HOLD_PATH)
public class AudioResource {

    public static final String HOLD_PATH = "/audio/hold.wav";
    private static final String WAV = "audio/wav";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,15})-(\\d{0,15})");

    private final HoldTrack track;

    public AudioResource(HoldTrack track) {
        this.track = track;
    }

    @GET
    @Operation(summary = "The built-in hold music (16 kHz mono 16-bit PCM WAV)")
    public Response hold(@HeaderParam("Range") String range, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        byte[] bytes = track.bytes();
        if (track.etag().equals(ifNoneMatch)) {
            return cached(Response.notModified()).build();
        }
        if (range == null) {
            return cached(Response.ok(bytes, WAV)).build();
        }
        Matcher m = RANGE.matcher(range.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            // several ranges or another unit: the whole file, as RFC 9110 allows
            return cached(Response.ok(bytes, WAV)).build();
        }
        long length = bytes.length;
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            first = Math.max(0, length - Long.parseLong(m.group(2)));
            last = length - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
        }
        if (first >= length || last < first) {
            return Response.status(416).header("Content-Range", "bytes */" + length).build();
        }
        return cached(Response.status(206).type(WAV)
                .entity(Arrays.copyOfRange(bytes, (int) first, (int) last + 1))
                .header("Content-Range", "bytes " + first + "-" + last + "/" + length)).build();
    }

    private Response.ResponseBuilder cached(Response.ResponseBuilder response) {
        return response.header(HttpHeaders.CACHE_CONTROL, "public, max-age=86400")
                .header(HttpHeaders.ETAG, track.etag())
                .header("Accept-Ranges", "bytes");
    }
}
