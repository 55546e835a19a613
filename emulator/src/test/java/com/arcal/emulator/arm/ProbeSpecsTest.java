package com.arcal.emulator.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arcal.emulator.http.ArmException;
import com.arcal.emulator.http.Json;
import com.arcal.emulator.runtime.ProbeSpec;
import com.arcal.emulator.runtime.ProbeSpec.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeSpecsTest {

  private static JsonNode container(String probes) {
    return Json.parse(("{'name':'engine','image':'i','probes':" + probes + "}")
        .replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static ArmException refusal(String probes) {
    try {
      ProbeSpecs.validate(container(probes));
    } catch (ArmException e) {
      return e;
    }
    throw new AssertionError("accepted " + probes);
  }

  @Test
  void omittedFields_takeTheReferenceDefaults() {
    List<ProbeSpec> specs = ProbeSpecs.of(container("[{'type':'Liveness','httpGet':{'port':3000}}]"));

    assertThat(specs).containsExactly(new ProbeSpec(Kind.LIVENESS,
        new ProbeSpec.HttpGet(false, Optional.empty(), 3000, "/", List.of()),
        Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1), 1, 3, Optional.empty()));
  }

  @Test
  void everyDeclaredField_isCarriedOver() {
    List<ProbeSpec> specs = ProbeSpecs.of(container("[{'type':'readiness','httpGet':{'path':'/healthz','port':3000,"
        + "'scheme':'HTTPS','host':'10.0.0.4','httpHeaders':[{'name':'X-A','value':'b'}]},"
        + "'initialDelaySeconds':2,'periodSeconds':5,'timeoutSeconds':3,'successThreshold':2,'failureThreshold':4,"
        + "'terminationGracePeriodSeconds':7},{'type':'Startup','tcpSocket':{'port':50051}}]"));

    assertThat(specs).containsExactly(
        new ProbeSpec(Kind.READINESS,
            new ProbeSpec.HttpGet(true, Optional.of("10.0.0.4"), 3000, "/healthz", List.of(new ProbeSpec.Header("X-A", "b"))),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(3), 2, 4, Optional.of(Duration.ofSeconds(7))),
        new ProbeSpec(Kind.STARTUP, new ProbeSpec.TcpSocket(Optional.empty(), 50051),
            Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1), 1, 3, Optional.empty()));
  }

  @Test
  void theReferenceExample_isAccepted() {
    assertThatCode(() -> ProbeSpecs.validate(container("[{'type':'Liveness','httpGet':{'path':'/health','port':8080,"
        + "'httpHeaders':[{'name':'Custom-Header','value':'Awesome'}]},'initialDelaySeconds':3,'periodSeconds':3}]")))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{'type':'Liveness','httpGet':{'port':1},'failureThreshold':11} | ContainerAppProbeFailureThresholdOutOfRange"
          + " | Container 'engine' 'Liveness' probe's FailureThreshold must be in the range of ['1', '10'].",
      "{'type':'Startup','tcpSocket':{'port':1},'failureThreshold':0} | ContainerAppProbeFailureThresholdOutOfRange"
          + " | Container 'engine' 'Startup' probe's FailureThreshold must be in the range of ['1', '10'].",
      "{'type':'Liveness','httpGet':{'port':1},'periodSeconds':241} | ContainerAppProbePeriodSecondsOutOfRange"
          + " | Container 'engine' 'Liveness' probe's PeriodSeconds must be in the range of ['1', '240'].",
      "{'type':'Liveness','httpGet':{'port':1},'timeoutSeconds':0} | ContainerAppProbeTimeoutSecondsOutOfRange"
          + " | Container 'engine' 'Liveness' probe's TimeoutSeconds must be in the range of ['1', '240'].",
      "{'type':'Liveness','httpGet':{'port':1},'initialDelaySeconds':61} | ContainerAppProbeInitialDelaySecondsOutOfRange"
          + " | Container 'engine' 'Liveness' probe's InitialDelaySeconds must be in the range of ['1', '60'].",
      "{'type':'Liveness','httpGet':{'port':1},'successThreshold':2} | ContainerAppProbeSuccessThresholdOutOfRange"
          + " | Container 'engine' 'Liveness' probe's SuccessThreshold must be in the range of ['1', '1'].",
      "{'type':'Readiness','httpGet':{'port':1},'successThreshold':11} | ContainerAppProbeSuccessThresholdOutOfRange"
          + " | Container 'engine' 'Readiness' probe's SuccessThreshold must be in the range of ['1', '10'].",
      "{'type':'Liveness','httpGet':{'port':1},'terminationGracePeriodSeconds':3601}"
          + " | ContainerAppProbeTerminationGracePeriodSecondsOutOfRange"
          + " | Container 'engine' 'Liveness' probe's TerminationGracePeriodSeconds must be in the range of ['0', '3600'].",
  })
  void outOfRangeValues_areRefusedWithAzuresCodeAndMessage(String probe, String code, String message) {
    ArmException e = refusal("[" + probe + "]");

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.getMessage()).isEqualTo(message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[{'type':'Liveness','httpGet':{'port':1}},{'type':'liveness','tcpSocket':{'port':2}}] | more than one 'Liveness' probe",
      "[{'type':'Sideways','httpGet':{'port':1}}] | must be one of Liveness, Readiness, Startup",
      "[{'httpGet':{'port':1}}] | must be one of Liveness, Readiness, Startup",
      "[{'type':'Liveness'}] | exactly one of httpGet and tcpSocket",
      "[{'type':'Liveness','httpGet':{'port':1},'tcpSocket':{'port':1}}] | exactly one of httpGet and tcpSocket",
      "[{'type':'Liveness','exec':{'command':['true']}}] | exec and gRPC probes aren't supported",
      "[{'type':'Liveness','httpGet':{'port':'http'}}] | named ports aren't supported",
      "[{'type':'Liveness','tcpSocket':{'port':65536}}] | integer port from 1 to 65535",
      "[{'type':'Liveness','httpGet':{'port':1,'scheme':'ftp'}}] | scheme must be HTTP or HTTPS",
  })
  void invalidProbes_areRefusedAsAnInvalidSpec(String probes, String why) {
    ArmException e = refusal(probes);

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("ContainerAppInvalidSpec");
    assertThat(e.getMessage()).contains(why);
  }

  @Test
  void malformedProbes_areRefusedAsInvalidContent() {
    assertThat(refusal("{'type':'Liveness'}").code()).isEqualTo("InvalidRequestContent");
    assertThat(refusal("[{'type':'Liveness','httpGet':{'port':1,'httpHeaders':[{'name':'a'}]}}]").code())
        .isEqualTo("InvalidRequestContent");
  }

  @Test
  void aContainerWithoutProbes_isFine() {
    JsonNode none = Json.parse("{\"name\":\"c\",\"image\":\"i\"}".getBytes(StandardCharsets.UTF_8));

    assertThatCode(() -> ProbeSpecs.validate(none)).doesNotThrowAnyException();
    assertThat(ProbeSpecs.of(none)).isEmpty();
    assertThatThrownBy(() -> ProbeSpecs.validate(container("'liveness'"))).isInstanceOf(ArmException.class);
  }
}
