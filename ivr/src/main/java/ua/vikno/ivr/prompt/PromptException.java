package ua.vikno.ivr.prompt;

import java.util.List;
import java.util.stream.Collectors;

/** The prompts cannot be used; carries every problem found, each by its configuration path. */
public final class PromptException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<PromptProblem> problems;

    public PromptException(List<PromptProblem> problems) {
        super(problems.size() + " prompt problem(s)\n" + problems.stream()
                .map(p -> "  " + p.path() + ": " + p.message()).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<PromptProblem> problems() {
        return problems;
    }
}
