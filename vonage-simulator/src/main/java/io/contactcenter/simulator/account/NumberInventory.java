package io.contactcenter.simulator.account;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.contactcenter.simulator.config.SimulatorConfig;

/**
 * Phone numbers: the ones the account owns (at start, the contact-center number, linked to the configured
 * application) and, per country, twenty numbers for sale drawn from ranges reserved for drama and testing.
 */
@ApplicationScoped
public class NumberInventory {

    /** A number the account owns. */
    public static final class Owned {
        public final String country;
        public final String msisdn;
        public final String type;
        public volatile String appId;
        public volatile String voiceCallbackType;
        public volatile String voiceCallbackValue;
        public volatile String voiceStatusCallback;
        public volatile String moHttpUrl;

        Owned(String country, String msisdn, String type) {
            this.country = country;
            this.msisdn = msisdn;
            this.type = type;
        }
    }

    /** Country → (dialling prefix of the numbers for sale, their type). */
    private static final Map<String, String[]> FOR_SALE = Map.ofEntries(
            Map.entry("GB", new String[] {"4420794600", "landline"}),
            Map.entry("US", new String[] {"120155501", "landline"}),
            Map.entry("CA", new String[] {"161355501", "landline"}),
            Map.entry("DE", new String[] {"4930123456", "landline"}),
            Map.entry("FR", new String[] {"331990000", "landline"}),
            Map.entry("NL", new String[] {"312012345", "landline"}),
            Map.entry("IE", new String[] {"353152000", "landline"}),
            Map.entry("AU", new String[] {"612555001", "landline"}),
            Map.entry("SG", new String[] {"65655500", "landline"}),
            Map.entry("ES", new String[] {"349100000", "landline"}));

    private final String initialNumber;
    private final String initialApplication;
    private final Map<String, Owned> owned = new ConcurrentHashMap<>();

    public NumberInventory(SimulatorConfig config) {
        this.initialNumber = config.number();
        this.initialApplication = config.applicationId();
        reset();
    }

    public final void reset() {
        owned.clear();
        Owned number = new Owned(countryOf(initialNumber), initialNumber, "mobile-lvn");
        number.appId = initialApplication;
        number.voiceCallbackType = "app";
        number.voiceCallbackValue = initialApplication;
        owned.put(initialNumber, number);
    }

    public static boolean knownCountry(String country) {
        return FOR_SALE.containsKey(country);
    }

    /** Numbers of the country for sale right now (not owned), in order. */
    public List<String> forSale(String country) {
        String[] range = FOR_SALE.get(country);
        List<String> numbers = new ArrayList<>();
        if (range == null) {
            return numbers;
        }
        for (int i = 0; i < 20; i++) {
            String msisdn = range[0] + String.format("%02d", 10 + i);
            if (!owned.containsKey(msisdn)) {
                numbers.add(msisdn);
            }
        }
        return numbers;
    }

    public static String typeFor(String country) {
        String[] range = FOR_SALE.get(country);
        return range == null ? "landline" : range[1];
    }

    /** @return the new number, or null when it is not for sale in that country. */
    public synchronized Owned buy(String country, String msisdn) {
        if (!forSale(country).contains(msisdn)) {
            return null;
        }
        Owned number = new Owned(country, msisdn, typeFor(country));
        owned.put(msisdn, number);
        return number;
    }

    public boolean cancel(String country, String msisdn) {
        Owned number = owned.get(msisdn);
        return number != null && number.country.equals(country) && owned.remove(msisdn) != null;
    }

    public Owned owned(String msisdn) {
        return owned.get(msisdn);
    }

    public List<Owned> owned() {
        List<Owned> all = new ArrayList<>(owned.values());
        all.sort(Comparator.comparing(o -> o.msisdn));
        return all;
    }

    /** Vonage's JSON of an owned number ({@code GET /account/numbers}). */
    public static Map<String, Object> view(Owned number) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("country", number.country);
        view.put("msisdn", number.msisdn);
        view.put("type", number.type);
        view.put("features", List.of("VOICE", "SMS"));
        if (number.moHttpUrl != null) {
            view.put("moHttpUrl", number.moHttpUrl);
        }
        if (number.voiceCallbackType != null) {
            view.put("voiceCallbackType", number.voiceCallbackType);
            view.put("voiceCallbackValue", number.voiceCallbackValue);
        }
        if (number.voiceStatusCallback != null) {
            view.put("voiceStatusCallback", number.voiceStatusCallback);
        }
        if (number.appId != null) {
            view.put("app_id", number.appId);
            view.put("messagesCallbackType", "app");
            view.put("messagesCallbackValue", number.appId);
        }
        return view;
    }

    /** The country of a number by its dialling code (what the initial number needs); GB when unknown. */
    static String countryOf(String msisdn) {
        if (msisdn.startsWith("1")) {
            return "US";
        }
        for (Map.Entry<String, String> code : Map.of("44", "GB", "49", "DE", "33", "FR", "31", "NL", "353", "IE",
                "61", "AU", "65", "SG", "34", "ES").entrySet()) {
            if (msisdn.startsWith(code.getKey())) {
                return code.getValue();
            }
        }
        return "GB";
    }
}
