"""Great Expectations, run for the gate: a GE suite or one expectation on a pandas frame, cheaply.

In: a table's name, its frame (as `gate` prepared it) and its ExpectationSuite. Out: GE's own
ExpectationValidationResult for every expectation. What to make of them is `pledgetrack.warehouse.gate`'s.

One ephemeral GE context per process (no files written, no progress bars, no analytics), one pandas
datasource, one asset per table with a whole-dataframe batch definition.

**Plans.** For every expectation, on every validation, GE's `Validator.graph_validate` builds the graph of
metrics it needs (pydantic round trips: about 5 ms of CPU an expectation), resolves the graph on the data,
then builds each expectation's dependencies again to ask it whether its metrics pass: together about 1.1 s
of the 1.5 s that the 117 expectations of the five suites cost on a small batch. The graph is a function of
the expectations' configurations, the result format and the batch's id, which is the asset's name and so
the same for every batch of a table: it does not read the data, for every expectation whose dependencies
are declared by GE's base classes. So a `Plan` builds it once per process (again when the suite, its
parameters or the result format change), and each batch only has GE load the frame, resolve the graph with
its execution engine (every metric computed on every row, as before) and run each expectation's own
`_validate` on its metrics: about 0.5 s of fixed CPU a batch instead of 1.4–1.9 (expectations/README.md,
"How the gate runs, and what it costs"). An expectation type that reads the data to build its dependencies
(expect_column_values_to_be_of_type and the like override `get_validation_dependencies`) makes its suite
run GE's plain way, as does a GE without the validator steps a plan calls (`_STEPS`, `plannable`);
tests/test_gate.py checks that both ways decide alike, case by case, in every suite.
"""

from __future__ import annotations

import copy
import os
import threading
import traceback
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from great_expectations.core import ExpectationSuite
    from great_expectations.core.batch_definition import BatchDefinition
    from great_expectations.data_context import AbstractDataContext
    from great_expectations.expectations.expectation import Expectation
    from great_expectations.validator.validator import Validator

# GE reads this when it is imported; set it first so no usage statistics ever leave the machine (the
# context's config says the same, for GE versions that read it from there).
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

_DATASOURCE = "pledgetrack"
# The context, the batch definitions and the plans are built once per process. One lock around all of it:
# a GE context is not documented as thread-safe, and Prefect may run tasks in threads.
_LOCK = threading.RLock()
_CONTEXT: AbstractDataContext | None = None
_BATCH_DEFINITIONS: dict[str, BatchDefinition] = {}  # table -> whole-dataframe batch definition
_PLANS: dict[str, Plan] = {}  # table -> its suite's plan (one per table: a new suite replaces it)
# The Validator methods a plan calls (GE's own graph_validate is made of them); a GE without them validates
# the plain way.
_STEPS = (
    "process_expectations_for_validation",
    "_generate_metric_dependency_subgraphs_for_each_expectation_configuration",
    "_generate_suite_level_graph_from_expectation_level_sub_graphs",
    "_resolve_suite_level_graph_and_process_metric_evaluation_errors",
)
# Where GE's base classes declare dependencies: an expectation whose get_validation_dependencies is defined
# anywhere else may read the data to build them.
_BASE_MODULE = "great_expectations.expectations.expectation"


def context() -> AbstractDataContext:
    global _CONTEXT
    with _LOCK:
        if _CONTEXT is None:
            import great_expectations as gx
            from great_expectations.data_context.types.base import (
                DataContextConfig,
                InMemoryStoreBackendDefaults,
                ProgressBarsConfig,
            )

            config = DataContextConfig(
                store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
                analytics_enabled=False,
                # GE's default draws a tqdm bar on stderr for every validation: noise in every run's log.
                progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
            )
            _CONTEXT = gx.get_context(mode="ephemeral", project_config=config)
        return _CONTEXT


def _batch_definition(table: str) -> BatchDefinition:
    if table not in _BATCH_DEFINITIONS:
        ctx = context()
        if not _BATCH_DEFINITIONS:  # the first table: the one pandas datasource holds every table's asset
            ctx.data_sources.add_pandas(_DATASOURCE)
        asset = ctx.data_sources.get(_DATASOURCE).add_dataframe_asset(name=table)
        _BATCH_DEFINITIONS[table] = asset.add_batch_definition_whole_dataframe("whole batch")
    return _BATCH_DEFINITIONS[table]


def batch_of(table: str, frame: pd.DataFrame) -> Any:
    """The frame as a GE Batch of the table's asset (GE loads it into its pandas execution engine)."""
    with _LOCK:
        return _batch_definition(table).get_batch(batch_parameters={"dataframe": frame})


def _result_format(result_format: str, key: str) -> dict[str, Any]:
    return {"result_format": result_format, "unexpected_index_column_names": [key]}


def validate_expectation(
    batch: Any, expectation: Expectation, result_format: str, key: str, parameters: dict
) -> Any:
    """One expectation on the batch, GE's plain way: for the rows of a failure, with every unexpected row."""
    with _LOCK:
        return batch.validate(
            expectation, result_format=_result_format(result_format, key), expectation_parameters=parameters
        )


def validate_suite(
    batch: Any, table: str, suite: ExpectationSuite, result_format: str, key: str, parameters: dict
) -> list[Any]:
    """Every expectation of the suite on the batch (GE's results, in no particular order)."""
    with _LOCK:
        if result_format != "BOOLEAN_ONLY" or not plannable(suite):  # a plan keeps no result's details
            outcome = batch.validate(
                suite, result_format=_result_format(result_format, key), expectation_parameters=parameters
            )
            return list(outcome.results)
        validator = context().get_validator_using_batch_list(expectation_suite=None, batch_list=[batch])
        runtime = {"result_format": _result_format(result_format, key)}
        signature = (suite, tuple(sorted(parameters.items())), repr(runtime), validator.active_batch_id)
        plan = _PLANS.get(table)
        if plan is None or plan.signature != signature or plan.engine is not validator.execution_engine:
            plan = _PLANS[table] = Plan.build(validator, suite, parameters, runtime, signature)
        return plan.run(validator)


def plannable(suite: ExpectationSuite) -> bool:
    """Can the suite's metric graph be built once for every batch (see the module's docstring)?"""
    from great_expectations.validator.validator import Validator

    if not all(hasattr(Validator, step) for step in _STEPS):
        return False
    return all(type(e).get_validation_dependencies.__module__ == _BASE_MODULE for e in suite.expectations)


@dataclass
class Plan:
    """A suite's metric graph, built on one batch of a table, and each expectation with its dependencies."""

    signature: tuple  # (suite, parameters, runtime configuration, batch id): what the graph was built for
    engine: Any  # the execution engine the graph is bound to (the datasource's, shared by its batches)
    graph: Any  # GE's suite-level ValidationGraph
    expectation_graphs: list[Any]  # GE's ExpectationValidationGraph of each expectation
    configurations: list[Any]  # as GE processed them: parameters substituted, the batch id added
    steps: dict[int, tuple[Expectation, Any]]  # id(configuration) -> (its expectation, its dependencies)
    unbuildable: list[Any]  # GE's results for expectations whose graph could not be built (an error)
    runtime: dict[str, Any]

    @classmethod
    def build(
        cls, validator: Validator, suite: ExpectationSuite, parameters: dict, runtime: dict, signature: tuple
    ) -> Plan:
        # GE's graph_validate, up to the data: the same calls, the same arguments
        configurations = validator.process_expectations_for_validation(
            suite.expectation_configurations, parameters
        )
        graphs, unbuildable, built = (
            validator._generate_metric_dependency_subgraphs_for_each_expectation_configuration(
                expectation_configurations=configurations,
                processed_configurations=[],
                catch_exceptions=True,
                runtime_configuration=runtime,
            )
        )
        steps = {}
        for configuration in built:
            expectation = configuration.to_domain_obj()
            dependencies = expectation.get_validation_dependencies(
                execution_engine=validator.execution_engine, runtime_configuration=runtime
            )
            steps[id(configuration)] = (expectation, dependencies)
        return cls(
            signature=signature,
            engine=validator.execution_engine,
            graph=validator._generate_suite_level_graph_from_expectation_level_sub_graphs(graphs),
            expectation_graphs=graphs,
            configurations=built,
            steps=steps,
            unbuildable=unbuildable,
            runtime=runtime,
        )

    def run(self, validator: Validator) -> list[Any]:
        """GE's graph_validate from the data on: every metric of the graph resolved on the validator's batch
        (a metric that fails fails its expectations), then each expectation decides on its metrics."""
        metrics, results, evaluable = (
            validator._resolve_suite_level_graph_and_process_metric_evaluation_errors(
                graph=self.graph,
                runtime_configuration=self.runtime,
                expectation_validation_graphs=self.expectation_graphs,
                evrs=list(self.unbuildable),
                processed_configurations=list(self.configurations),
                show_progress_bars=False,
            )
        )
        for configuration in evaluable:
            expectation, dependencies = self.steps[id(configuration)]
            results.append(self._decide(validator, configuration, expectation, dependencies, metrics))
        return results

    def _decide(
        self, validator: Validator, configuration: Any, expectation: Any, dependencies: Any, metrics: dict
    ) -> Any:
        """GE's metrics_validate, with the dependencies built once: the expectation's own _validate on its
        metrics; an error is that expectation's failed result, as graph_validate makes it."""
        from great_expectations.core.expectation_validation_result import ExpectationValidationResult

        try:
            provided = {
                name: metrics[metric.id] for name, metric in dependencies.metric_configurations.items()
            }
            # a copy: an expectation may write into its runtime configuration
            runtime = {**self.runtime, "result_format": copy.deepcopy(dependencies.result_format)}
            raw = expectation._validate(
                metrics=provided, runtime_configuration=runtime, execution_engine=validator.execution_engine
            )
        except Exception as error:
            info = {"raised_exception": True, "exception_message": str(error)}
            info["exception_traceback"] = traceback.format_exc()
            return ExpectationValidationResult(
                success=False, exception_info=info, expectation_config=configuration
            )
        success = raw.success if isinstance(raw, ExpectationValidationResult) else raw["success"]
        # BOOLEAN_ONLY keeps no details, as metrics_validate leaves them
        return ExpectationValidationResult(success=bool(success), result={}, expectation_config=configuration)
