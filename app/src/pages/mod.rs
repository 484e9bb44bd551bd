//! One file per route.

pub mod basket;
pub mod customer;
pub mod home;
pub mod not_found;
