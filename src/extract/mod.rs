//! Extract stage: reads the articles' text and tags each with what it is about.
//!
//! Organisations are found archive-wide: names and acronyms learnt in one article tag every
//! other article that mentions them, so one organisation gets one page however it is written.

pub mod organisations;
