//! One file per route.

pub mod basket;
pub mod cookies;
pub mod customer;
pub mod home;
pub mod lecture;
pub mod not_found;
pub mod session;
pub mod storage;
