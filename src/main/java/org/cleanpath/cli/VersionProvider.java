package org.cleanpath.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest, so it is set in one place (pom.xml). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"cleanpath " + (v == null ? "development build" : v)};
    }
}
