//! The TOPTW planning core (work in progress).
