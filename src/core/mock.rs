//! Mock interviews: the phase clock, curveball schedule and clarifying
//! questions, as pure logic driven by elapsed time. (To be implemented.)
