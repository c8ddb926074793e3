package dev.earmark.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earmark.app.cli.EarmarkCommandTest.Result;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earmark qe serve} as a real process: it answers, then SIGTERM stops it cleanly. */
class QeServeCommandTest {
  @TempDir Path dir;

  @Test
  void servesUntilSigtermAndThenStopsCleanly() throws Exception {
    Path config = Files.writeString(dir.resolve("serve.properties"), "port = 0\nworkers = 1\n");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.earmark.app.Main");
    command.addAll(List.of("qe", "serve", "--config", config.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertThat(first).as("the start line").isNotNull().startsWith("QE service listening on");
      Matcher port = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+) ").matcher(first);
      assertThat(port.find()).as(first).isTrue();
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port.group(1) + "/health"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);

      // SIGTERM as an init system sends it (Process.destroy would also close our end of stdout)
      Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start();
      assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();

      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
      String rest = String.join("\n", out.lines().toList());
      assertThat(rest).contains("QE service stopped").doesNotContain("Exception");
      assertThat(process.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the hooks ran
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void aBadConfigurationOrModelIsABadInputExit() throws Exception {
    Path typo = Files.writeString(dir.resolve("typo.properties"), "prot = 80\n");

    Result config = EarmarkCommandTest.run("qe", "serve", "--config", typo.toString());
    Result model =
        EarmarkCommandTest.run(
            "qe", "serve", "--port", "0", "--model", dir.resolve("none.qe").toString());

    assertThat(config.code()).isEqualTo(2);
    assertThat(config.err()).contains("unknown key \"prot\"");
    assertThat(model.code()).isEqualTo(2);
    assertThat(model.err()).contains("none.qe");
  }
}
