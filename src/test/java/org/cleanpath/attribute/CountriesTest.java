package org.cleanpath.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountriesTest {
    @Test
    void everyIsoCountry_hasAnEnglishNameAndAContinent() {
        for (String code : Locale.getISOCountries()) {
            assertTrue(Countries.englishName(code).isPresent(), code);
            assertTrue(Countries.continent(code).isPresent(), code);
            assertTrue(Countries.continentName(Countries.continent(code).get()) != null, code);
        }
    }

    @Test
    void codesInTheDataButNotInIso_areKnownToo() {
        assertEquals("EU", Countries.continent("XK").orElseThrow());
        assertEquals("Kosovo", Countries.englishName("XK").orElseThrow());
        assertEquals("NA", Countries.continent("AN").orElseThrow());
    }

    @Test
    void countryRecord_hasTheGeoLite2CountryShape() {
        assertEquals(Map.of(
                        "continent", Map.of("code", "EU", "names", Map.of("en", "Europe")),
                        "country", Map.of("iso_code", "DE", "names", Map.of("en", "Germany")),
                        "registered_country", Map.of("iso_code", "NL", "names", Map.of("en", "Netherlands"))),
                GeodbBuilder.countryRecord("DE", "NL"));
        assertEquals(Map.of("registered_country", Map.of("iso_code", "US", "names", Map.of("en", "United States"))),
                GeodbBuilder.countryRecord(null, "US"));
    }
}
