package it.segreteria.voicemail.provisioning.entity;

import jakarta.ejb.ApplicationException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A provisioning file was refused as a whole; nothing of it was applied. Lists every problem found.
 */
@ApplicationException(rollback = true)
public class ProvisioningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient List<ProvisioningProblem> problems;

    public ProvisioningException(Path file, List<ProvisioningProblem> problems) {
        super(describe(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    public List<ProvisioningProblem> problems() {
        return problems;
    }

    private static String describe(Path file, List<ProvisioningProblem> problems) {
        return "Provisioning file "
                + file
                + " is refused, nothing was applied ("
                + problems.size()
                + (problems.size() == 1 ? " problem" : " problems")
                + "):"
                + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }
}
