package org.cleanpath.attribute;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** English names and continents of ISO 3166-1 alpha-2 country codes, for building GeoIP2-style records. */
public final class Countries {
    private static final Map<String, String> CONTINENT_NAMES = Map.of(
            "AF", "Africa", "AN", "Antarctica", "AS", "Asia", "EU", "Europe",
            "NA", "North America", "OC", "Oceania", "SA", "South America");
    private static final Map<String, String> CONTINENTS = load();

    private Countries() {}

    private static Map<String, String> load() {
        Map<String, String> map = new HashMap<>();
        try (InputStream in = Countries.class.getResourceAsStream("country-continents.tsv")) {
            if (in == null) throw new IllegalStateException("country-continents.tsv missing from the classpath");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                map.put(f[0], f[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }

    /** The continent code (AF, AN, AS, EU, NA, OC, SA) of a country, when known. */
    public static Optional<String> continent(String isoCode) {
        return Optional.ofNullable(CONTINENTS.get(isoCode));
    }

    public static String continentName(String continentCode) {
        return CONTINENT_NAMES.get(continentCode);
    }

    /** The English name of a country; Java's locale data, which knows XK and withdrawn codes like AN. */
    public static Optional<String> englishName(String isoCode) {
        String name = new Locale("", isoCode).getDisplayCountry(Locale.ENGLISH);
        return name.isEmpty() || name.equals(isoCode) ? Optional.empty() : Optional.of(name);
    }
}
