//! Review: comparing attempts, progress statistics and the drill schedule,
//! derived from saved sessions. (To be implemented.)
