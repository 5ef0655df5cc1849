//! Markdown export of a session with its scorecard. (To be implemented.)
