package dev.tito.notebook.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PythonNamesTest {
  static Stream<Arguments> globals() {
    return Stream.of(
        Arguments.of("import numpy as np\nimport os.path, sys", Set.of("np", "os", "sys")),
        Arguments.of(
            "from typing import (List,\n    Dict as D)\nfrom x import *", Set.of("List", "D")),
        Arguments.of(
            "def f(a, *args, b=np.pi, **kw):\n    inner = 1\nclass C(Base):\n    attr = 2",
            Set.of("f", "C")),
        Arguments.of(
            "x = y = 1\na, (b, c) = 1, (2, 3)\nd: int = 4\ne += 1\nobj.attr = 5\nitems[k] = 6",
            Set.of("x", "y", "a", "b", "c", "d", "e")),
        Arguments.of(
            "for i, j in pairs:\n    total = i\nwith open(p) as fh:\n    pass",
            Set.of("i", "j", "total", "fh")),
        Arguments.of(
            "try:\n    from tinytorch.core.tensor import Tensor\nexcept ImportError:\n    Tensor = None",
            Set.of("Tensor")),
        Arguments.of(
            "s = '''def not_code():\n    x = 1'''\n# y = 2\nif (n := 3):\n    pass",
            Set.of("s", "n")),
        Arguments.of("@decorator\nasync def fetch():\n    return await get()", Set.of("fetch")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("globals")
  void aCellsGlobalNamesAreItsImportsDefsClassesAndAssignmentsOutsideFunctions(
      String source, Set<String> expected) {
    assertThat(PythonNames.of(source).globals()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void usesAreNamesReadNotAttributesKeywordArgumentsOrStrings() {
    PythonNames names =
        PythonNames.of(
            "result = np.zeros(shape=(n, 2))\nprint(f'{hidden}', obj.attr)\n# comment_name");

    assertThat(names.uses())
        .extracting(PythonNames.Use::name)
        .containsExactly("result", "np", "n", "print", "obj");
  }

  @Test
  void parametersLoopVariablesAndLocalsAreBoundButNotGlobal() {
    PythonNames names =
        PythonNames.of(
            "def f(np, *, scale=2):\n    total = [v for v in np]\n    g = lambda q: q\n    return total");

    assertThat(names.globals()).containsExactly("f");
    assertThat(names.bound()).contains("np", "scale", "total", "v", "g", "q");
  }

  @Test
  void assertsAndTestFunctionsAreTestsAtTheirLine() {
    assertThat(PythonNames.of("x = 1\n\nassert x == 1").firstTestLine()).isEqualTo(3);
    assertThat(PythonNames.of("import y\ndef test_shape():\n    pass").firstTestLine())
        .isEqualTo(2);
    assertThat(PythonNames.of("def shape_test():\n    return 'assert'").firstTestLine()).isNull();
  }

  @Test
  void linesAreCountedAcrossStringsBracketsAndContinuations() {
    List<LogicalLines.Line> lines =
        LogicalLines.of("a = '''one\ntwo'''\nb = (1,\n     2)\nc = 1 + \\\n    2\n  # x\nd = 4");

    assertThat(lines).extracting(LogicalLines.Line::number).containsExactly(1, 3, 5, 8);
    assertThat(PythonNames.of("x = '''\n\n'''\nassert x").firstTestLine()).isEqualTo(4);
  }
}
