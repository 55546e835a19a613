package com.arcal.engine.grpc;

import com.arcal.engine.buyers.Buyers;
import com.arcal.engine.sale.EngineState;
import com.arcal.engine.sale.Sale;
import com.arcal.engine.sale.SaleConflictException;
import com.arcal.engine.v1.GetSaleRequest;
import com.arcal.engine.v1.SaleEngineGrpc;
import com.arcal.engine.v1.SaleStatus;
import com.arcal.engine.v1.StartSaleRequest;
import com.arcal.engine.v1.StopSaleRequest;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** The {@code arcal.engine.v1.SaleEngine} service: maps gRPC calls onto {@link EngineState}. */
public final class SaleEngineService extends SaleEngineGrpc.SaleEngineImplBase {

  /** WebSocket close code 1013: the sale may accept buyers again later. */
  static final int TRY_AGAIN_LATER = 1013;

  private final EngineState state;
  private final Buyers buyers;

  public SaleEngineService(EngineState state, Buyers buyers) {
    this.state = Objects.requireNonNull(state, "state");
    this.buyers = Objects.requireNonNull(buyers, "buyers");
  }

  @Override
  public void startSale(StartSaleRequest request, StreamObserver<SaleStatus> response) {
    Optional<String> problem = StartSaleValidation.problem(request);
    if (problem.isPresent()) {
      response.onError(Status.INVALID_ARGUMENT.withDescription(problem.get()).asRuntimeException());
      return;
    }
    answer(response, () -> state.start(request.getSaleId(), request.getGeneration(), request.getConfigMap()));
  }

  @Override
  public void getSale(GetSaleRequest request, StreamObserver<SaleStatus> response) {
    answer(response, state::current);
  }

  @Override
  public void stopSale(StopSaleRequest request, StreamObserver<SaleStatus> response) {
    answer(response, () -> {
      Sale stopped = state.stop(request.getSaleId());
      // The state changed first, so no buyer can be admitted after this sweep.
      buyers.disconnectAll(TRY_AGAIN_LATER, "sale stopped");
      return stopped;
    });
  }

  private void answer(StreamObserver<SaleStatus> response, Supplier<Sale> transition) {
    Sale sale;
    try {
      sale = transition.get();
    } catch (SaleConflictException e) {
      response.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    response.onNext(toStatus(sale));
    response.onCompleted();
  }

  private SaleStatus toStatus(Sale sale) {
    SaleStatus.Builder status = SaleStatus.newBuilder()
        .setSaleId(sale.saleId())
        .setState(sale.state())
        .setGeneration(sale.generation())
        .setConnectedBuyers(buyers.connected());
    if (sale.startedAt() != null) {
      status.setStartedAt(Timestamp.newBuilder()
          .setSeconds(sale.startedAt().getEpochSecond())
          .setNanos(sale.startedAt().getNano()));
    }
    return status.build();
  }
}
