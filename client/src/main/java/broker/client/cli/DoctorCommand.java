package broker.client.cli;

import broker.client.console.FailureReport;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code doctor}: checks every link from this machine to working Bedrock credentials and prints the fix for each one
 * that fails. Exits 0 when nothing failed (warnings allowed), else with the exit code of the first failure.
 */
@Command(name = "doctor", description = {"Check the setup link by link and print the fix for each problem:",
        "Java, configuration, broker, clock, sign-in, credentials, Claude Code settings, AWS config, other credentials."})
public final class DoctorCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    private final Services services;

    public DoctorCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        return report(services, new Doctor(services, common.flags(null, true), Runtime.version().feature()).run());
    }

    static int report(Services services, List<Doctor.Check> checks) {
        int exit = FailureReport.OK;
        for (Doctor.Check check : checks) {
            String status = switch (check.status()) {
                case OK -> "ok";
                case WARN -> "WARN";
                case FAIL -> "FAIL";
                case SKIP -> "--";
            };
            services.out().println(String.format("%-5s %-18s %s", status, check.name(), check.detail()));
            if (!check.fix().isEmpty()) {
                services.out().println(String.format("%-5s %-18s fix: %s", "", "", check.fix()));
            }
            if (check.status() == Doctor.Status.FAIL && exit == FailureReport.OK) {
                exit = check.exitCode();
            }
        }
        services.out().println(exit == FailureReport.OK ? "No problems found." : "Fix the FAIL lines above, then run"
                + " bedrock-broker doctor again.");
        services.out().flush();
        return exit;
    }
}
