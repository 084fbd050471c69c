package org.rapaio.jupyter.kernel.channels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.message.HMACDigest;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.ControlInterruptReply;
import org.rapaio.jupyter.kernel.message.messages.ControlShutdownReply;
import org.rapaio.jupyter.kernel.message.messages.ControlShutdownRequest;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZMQ;

/**
 * Stands in for rapaio-jupyter-kernel 3.0.1's control channel (same constructor and public methods), which made an
 * interrupt unusable: it handled {@code interrupt_request} through the state the shell channel uses for the cell being
 * run (current message id, actions to run after it), so the interrupted cell's error and {@code execute_reply} went to
 * the interrupt's sender and were lost (the notebook showed the cell running for ever), and it sent control replies on
 * the shell socket, where they were dropped. Here the control loop answers on its own socket and touches nothing of the
 * running cell: an interrupt cancels the evaluation (see {@code RapaioExecutionControl}), whose cell then ends with
 * the kernel's "interrupted" error; a shutdown closes the engine and the channels, and the process exits.
 */
public final class ControlChannel extends AbstractChannel {

    private static final Logger LOGGER = Logger.getLogger(ControlChannel.class.getSimpleName());
    private static final long LOOP_SLEEP = 50;
    private static final AtomicInteger ID = new AtomicInteger();

    private volatile LoopThread loopThread;

    public ControlChannel(Channels channels, ZMQ.Context context, HMACDigest hmacGenerator) {
        super(channels, "ControlChannel", context, SocketType.ROUTER, hmacGenerator);
    }

    @Override
    public void bind(ConnectionProperties connProps) {
        if (loopThread != null) {
            throw new IllegalStateException("Channel already bound.");
        }
        socket.bind(connProps.formatAddress(connProps.controlPort()));
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(socket, ZMQ.Poller.POLLIN);
        loopThread = new LoopThread("Control-" + ID.getAndIncrement(), LOOP_SLEEP, () -> {
            if (poller.poll(0) > 0) {
                handle(readMessage());
            }
        });
        loopThread.start();
    }

    private void handle(Message<?> message) {
        MessageType<?> type = message.header().type();
        if (type == MessageType.CONTROL_INTERRUPT_REQUEST) {
            sendMessage(new Message<>(message.getId(), MessageType.CONTROL_INTERRUPT_REPLY, new ControlInterruptReply()));
            MainApp.kernel.interrupt();
        } else if (type == MessageType.CONTROL_SHUTDOWN_REQUEST) {
            boolean restart = ((ControlShutdownRequest) message.content()).restart();
            MainApp.kernel.onShutdown();
            sendMessage(new Message<>(message.getId(), MessageType.CONTROL_SHUTDOWN_REPLY,
                    restart ? ControlShutdownReply.SHUTDOWN_AND_RESTART : ControlShutdownReply.SHUTDOWN));
            channels.close();
            // The shell loop may still be inside a cell that ignores the interrupt: do not wait for it to return.
            System.exit(0);
        } else {
            LOGGER.warning(logPrefix + "Unhandled message: " + type.name());
        }
    }

    @Override
    public void close() {
        if (loopThread != null) {
            loopThread.shutdown();
        }
        super.close();
    }

    @Override
    public void joinUntilClose() {
        if (loopThread != null) {
            try {
                loopThread.join();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
