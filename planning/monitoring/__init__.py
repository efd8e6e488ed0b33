"""Monitoring and yearly evaluation of plans in force: who evaluates what (access), the roll-up of
fulfilment from measures to goals, priorities, groups and the plan (rollup), the workflows of a
year's round (services) and its forms. Its models are in planning.models.monitoring."""
