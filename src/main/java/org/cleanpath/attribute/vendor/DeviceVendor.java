package org.cleanpath.attribute.vendor;

import java.util.Optional;

/**
 * Who made a neighbour device, and on what evidence.
 *
 * @param vendor the IEEE-registered organization for a MAC basis, the brand for a text basis
 * @param coveredEntity the covered entity the vendor belongs to; null when it is none
 * @param basis what decided
 * @param evidence the block ({@code 00:19:2F}) or the text found ({@code Huawei Versatile Routing Platform})
 */
public record DeviceVendor(String vendor, CoveredEntity coveredEntity, Basis basis, String evidence) {

    /** What decided the vendor, strongest first. */
    public enum Basis {
        /** The registry block of the LLDP chassis MAC. */
        CHASSIS_MAC,
        /** The registry block of the frame's source MAC. */
        SOURCE_MAC,
        /** A well-known string in the system description, platform or software version. */
        ANNOUNCED_TEXT
    }

    public Optional<CoveredEntity> covered() {
        return Optional.ofNullable(coveredEntity);
    }
}
