package org.cleanpath.attribute.vendor;

/**
 * A covered entity (FCC Covered List, Clean Network) that a MAC block or registered organization
 * belongs to.
 *
 * @param name the entity as the trust table names it: {@code Huawei}, {@code ZTE}, {@code Hikvision},
 *     {@code Dahua}, {@code Hytera}
 * @param affiliate true when the block is registered to a subsidiary or affiliate (Ezviz, Hikrobot,
 *     Norsat ...) rather than the entity itself
 */
public record CoveredEntity(String name, boolean affiliate) {}
