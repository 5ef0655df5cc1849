//! Plain-text scorecard for the terminal (`score`, `show`). (To be implemented.)
