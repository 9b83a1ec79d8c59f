package org.cleanpath.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cleanpath flows}: one record per bidirectional flow, Zeek conn.log style. */
@Command(name = "flows", mixinStandardHelpOptions = true, description = "List the flows in capture files.")
final class FlowsCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "pcap or pcapng files, optionally gzipped; - for standard input")
    List<String> files;

    @Override
    public Integer call() {
        return Main.EXIT_ERROR;
    }
}
