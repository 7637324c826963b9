"""Planned execution: a query's fields resolved by a plan made once per operation.

graphql-core works out, for every field of every item, what kind of value it
completes, which resolver to call and which arguments to give it. For a request
it has seen before, those answers are always the same: plan.py works them out
once per operation, run.py follows the plan, calling the same resolvers
(Strawberry's, so the same arguments, data loaders and statements; direct.py
calls them without Strawberry's per-call wrapper), and executor.py plugs it
into Strawberry. Anything the plan does not cover, and any
error at all, goes to graphql-core's own executor, which then answers exactly
as it always does.
"""
