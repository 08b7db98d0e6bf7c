import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `GET /healthz` on the connection's event loop, before the request reaches the task pool: under a burst
/// the pool's few threads are busy with requests that do real work, and liveness must not queue behind them
/// (a probe that times out gets a busy server restarted). The answer is the route's own "ok"; as it bypasses
/// the router, it is neither logged nor counted in the HTTP metrics. Only a connection with nothing else in
/// flight is answered here: behind a pipelined request, `/healthz` goes to the router, so answers keep their order.
final class HealthzFastPath: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// True between the head and the end of a `/healthz` request being answered here.
    private var answering = false
    /// Requests passed on to the router and not yet answered in full.
    private var inFlight = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch part {
        case let .head(head):
            answering = inFlight == 0 && head.method == .get && (head.path == "/healthz" || head.path?.hasPrefix("/healthz?") == true)
            if !answering {
                inFlight += 1
                context.fireChannelRead(data)
            }
        case .body:
            if !answering { context.fireChannelRead(data) }
        case .end:
            guard answering else {
                context.fireChannelRead(data)
                return
            }
            answering = false
            let body = context.channel.allocator.buffer(string: "ok")
            var fields = HTTPFields()
            fields[.contentType] = "text/plain"
            fields[.contentLength] = "\(body.readableBytes)"
            context.write(wrapOutboundOut(.head(HTTPResponse(status: .ok, headerFields: fields))), promise: nil)
            context.write(wrapOutboundOut(.body(body)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { inFlight = max(inFlight - 1, 0) }
        context.write(data, promise: promise)
    }
}
