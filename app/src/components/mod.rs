pub mod clock_time;
pub mod consent_banner;
pub mod footer;
pub mod inspector;
pub mod nav;
