//! The fault buttons a broker card offers in the broker's state, each with the typed
//! command it runs (`Command::Crash(NodeRef::Broker(2))`), so what a person clicks is what
//! an exported session replays. Plain data, tested natively; `broker_actions` draws them.
use crate::script::ast::{Command, NodeRef};
use crate::sim::{BrokerStatus, BrokerView};

/// One button: what it runs, its text, what it does, and the word its `data-testid` ends in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerFault {
    pub command: Command,
    pub text: &'static str,
    pub title: &'static str,
    pub testid: &'static str,
}

fn fault(command: Command, text: &'static str, title: &'static str, testid: &'static str) -> BrokerFault {
    BrokerFault { command, text, title, testid }
}

/// The buttons that make sense for `broker` now: a stopped one can only restart.
pub fn broker_faults(broker: &BrokerView) -> Vec<BrokerFault> {
    let id = broker.id;
    if broker.status != BrokerStatus::Alive {
        let title = "Start the broker again: it re-registers, catches up and rejoins the ISR";
        return vec![fault(Command::Restart(NodeRef::Broker(id)), "Restart", title, "restart")];
    }
    let mut faults = vec![
        fault(Command::Crash(NodeRef::Broker(id)), "Crash", "The process dies; its log on disk survives", "crash"),
        fault(Command::Stop(id), "Stop", "Controlled shutdown: leadership moves away first", "stop"),
        fault(
            Command::PowerOff(id),
            "Power off",
            "Like a crash, and records not yet flushed to disk are lost",
            "power-off",
        ),
    ];
    faults.push(if broker.isolated {
        fault(Command::HealAll, "Heal", "Remove every cut and isolation", "heal")
    } else {
        fault(Command::Isolate(id), "Isolate", "Cut it off from every other node", "isolate")
    });
    faults.push(if broker.fetch_paused {
        fault(Command::ResumeFetch(id), "Resume fetch", "Its followers fetch again", "resume-fetch")
    } else {
        fault(Command::PauseFetch(id), "Pause fetch", "Its followers stop fetching: a stalled follower", "pause-fetch")
    });
    faults
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::ast::Statement;
    use crate::ui::field::Field;
    use crate::ui::state::{Action, PlaygroundState};

    fn broker(state: &PlaygroundState, id: u32) -> BrokerView {
        state.views.cluster.brokers.iter().find(|b| b.id == id).cloned().expect("the broker")
    }

    /// The Crash button of broker 2 runs `Command::Crash(NodeRef::Broker(2))`, and the page
    /// says so next to the broker buttons as the script line it is.
    #[test]
    fn a_broker_button_runs_its_typed_command_and_shows_its_line() {
        let mut state = PlaygroundState::default();
        let crash = broker_faults(&broker(&state, 2)).into_iter().find(|f| f.testid == "crash").unwrap();
        assert_eq!(crash.command, Command::Crash(NodeRef::Broker(2)));
        state.apply(Action::Run { statement: Statement::Command(crash.command), field: Field::Broker });
        assert_eq!(state.field_message(Field::Broker), Some((true, "✓ crash broker 2".into())));
        assert!(state.export_script().contains("\ncrash broker 2\n"), "{}", state.export_script());
        let restart = broker_faults(&broker(&state, 2));
        assert_eq!(restart.iter().map(|f| &f.command).collect::<Vec<_>>(), [&Command::Restart(NodeRef::Broker(2))]);
    }

    #[test]
    fn an_isolated_broker_offers_heal_and_a_paused_one_resume() {
        let mut state = PlaygroundState::default();
        for command in [Command::Isolate(3), Command::PauseFetch(3)] {
            state.apply(Action::Run { statement: Statement::Command(command), field: Field::Broker });
        }
        let commands: Vec<Command> = broker_faults(&broker(&state, 3)).into_iter().map(|f| f.command).collect();
        assert!(commands.contains(&Command::HealAll) && commands.contains(&Command::ResumeFetch(3)), "{commands:?}");
        assert!(!commands.contains(&Command::Isolate(3)));
    }
}
