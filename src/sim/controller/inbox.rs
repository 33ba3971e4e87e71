//! What reaches the active controller, handed to the handler of its kind (the
//! `ControllerApis` side of KRaft): the one place its messages and timers are told apart.
use crate::sim::controller::context::ControllerCtx;
use crate::sim::message::Message;
use crate::sim::queue::Timer;

impl ControllerCtx<'_> {
    pub fn on_message(&mut self, message: Message) {
        match message {
            Message::Heartbeat(heartbeat) => self.on_heartbeat(heartbeat),
            Message::Registration(registration) => self.on_registration(registration),
            Message::AlterPartition(request) => self.on_alter_partition(request),
            _ => {}
        }
    }

    pub fn on_timer(&mut self, timer: Timer) {
        match timer {
            Timer::SessionExpiry => self.on_session_expiry_timer(),
            Timer::ControllerElection => self.on_controller_election(),
            Timer::AutoRebalance => self.on_auto_rebalance_timer(),
            Timer::UncleanElectionCheck => self.on_unclean_election_check(),
            _ => {}
        }
    }
}
