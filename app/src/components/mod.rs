pub mod nav;
