pub mod fault_plan;
