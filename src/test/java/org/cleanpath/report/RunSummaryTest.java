package org.cleanpath.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cleanpath.flow.CaptureAnalysis;
import org.cleanpath.flow.FlowSettings;
import org.cleanpath.flow.FlowTracker;
import org.junit.jupiter.api.Test;

class RunSummaryTest {
    @Test
    void aCapLoweredByTheHeap_isExplainedWhenItEvictedFlows() {
        FlowTracker.FlowCounters lowered = new FlowTracker.FlowCounters(10, 0, 5, 0, 5, 524_288, 1_048_576);
        FlowTracker.FlowCounters asked = new FlowTracker.FlowCounters(10, 0, 5, 0, 5, 1_000, 1_000);
        FlowTracker.FlowCounters noEvictions = new FlowTracker.FlowCounters(10, 0, 0, 0, 5, 524_288, 1_048_576);
        var counts = new CaptureAnalysis(FlowSettings.defaults(), r -> {}, CaptureAnalysis.Progress.NONE).counts();
        assertTrue(RunSummary.text(counts, lowered, 10, 1).contains("the flow table held at most 524,288 flows"));
        assertFalse(RunSummary.text(counts, asked, 10, 1).contains("held at most"));
        assertFalse(RunSummary.text(counts, noEvictions, 10, 1).contains("held at most"));
    }
}
