package org.agentcellphone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every flag of the original system's command line, and the verb it becomes. */
class LegacyArgumentsTest {

    private static final Set<String> VERBS = Cellphone.commandLine().getSubcommands().keySet();

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', value = {
        "-a Agent-1 -m hello                          | send -a Agent-1 -m hello",
        "--agent Agent-1 --message hello --urgent     | send --agent Agent-1 --message hello --urgent",
        "-m hello -a Agent-1 -p urgent --wait=5       | send -m hello -a Agent-1 -p urgent --wait=5",
        "-a Agent-1 -m hello --wait 5 --json          | send -a Agent-1 -m hello --wait 5 --json",
        "-a Agent-1 -m --hold                         | send -a Agent-1 -m --hold",
        "-m x                                         | send -m x",
        "--bulk -m stand-up                           | broadcast -m stand-up",
        "-m stand-up --bulk --id b-1                  | broadcast -m stand-up --id b-1",
        "--start-queue-processor                      | run",
        "--home /h run                                | run --home /h",
        "--process-queue                              | drain",
        "--queue-stats --json                         | stats --json",
        "--hold m-1                                   | hold m-1",
        "--release=m-1 --json                         | release m-1 --json",
        "--requeue ALL                                | requeue ALL",
        "--requeue -                                  | requeue -",
        "--delete m-1 --reason oops                   | delete m-1 --reason oops",
        "--expire-now                                 | expire",
        "--add-task --title T --priority HIGH --points 3 | task add --title T --priority HIGH --points 3",
        "--list-tasks --json                          | task list --json",
        "--get-next-task -a Agent-8                   | task next -a Agent-8",
        "--task-status t-1                            | task status t-1",
        "--complete-task t-1 -a Agent-8               | task complete t-1 -a Agent-8",
        "--onboarding --onboarding-style professional | onboard --onboarding-style professional",
        "--onboard -a Agent-2                         | onboard -a Agent-2",
        "--wrapup -m bye                              | wrapup -m bye",
        "--history -a Agent-3 --limit 5               | history -a Agent-3 --limit 5",
        "--check-status --json                        | status --json",
        "--list-agents                                | agents",
        "--coordinates                                | coordinates",
        "send -a Agent-1 -m x                         | send -a Agent-1 -m x",
        "stats --json                                 | stats --json",
        "task status t-1 --json                       | task status t-1 --json",
        "send -a Agent-1 -m --queue-stats             | send -a Agent-1 -m --queue-stats",
        "--help                                       | --help",
        "--version                                    | --version",
    })
    void eachLegacyFormBecomesItsVerb(String legacy, String verb) {
        assertThat(String.join(" ", LegacyArguments.rewrite(legacy.split(" "), VERBS))).isEqualTo(verb);
    }

    @ParameterizedTest(name = "{0}  ->  exit {1}")
    @CsvSource(delimiter = '|', value = {
        "run --queue-stats                 | 2",
        "--hold m-1 --release m-2          | 2",
        "--bulk -a Agent-1 -m x            | 2",
        "--onboarding -a Agent-1           | 2",
        "--wrapup -a Agent-1               | 2",
        "--onboard                         | 3",
        "--hold                            | 3",
        "stats --hold m-1                  | 2",
    })
    void conflictingOrIncompleteLegacyFormsAreRefused(String legacy, int exitCode) {
        assertThatThrownBy(() -> LegacyArguments.rewrite(legacy.split(" "), VERBS))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode().code()).isEqualTo(exitCode));
    }
}
