package org.cleanpath.policy;

import java.util.List;

/** A policy file that cannot be used, with every problem found (file:line:column: what was expected). */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    /** One problem at a 1-based line and column. */
    public record Problem(String file, int line, int column, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public PolicyException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid policy" : problems.get(0).toString()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
