"""Assess: the council's policy, the gap rules, each record's computed values and the register's figures."""
