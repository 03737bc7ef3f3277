package dev.lazarus.controlplane.ec2;

import dev.lazarus.spi.ControlPlane;
import dev.lazarus.spi.Fleet;
import dev.lazarus.spi.FleetRequest;
import dev.lazarus.spi.LazarusConfigurationException;
import dev.lazarus.spi.Parameters;
import dev.lazarus.spi.PrivateKeys;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

/**
 * The {@code ec2} control plane, on the AWS SDK for Java v2: launches N instances (or discovers a fleet by
 * tag), waits with the SDK's waiters until they are visible and running, polls until each has a public IP,
 * authorises SSH ingress for a configured CIDR, and tears the instances down by policy. Throttling
 * ({@code RequestLimitExceeded}, 503) is retried by the SDK's standard retry strategy with exponential
 * backoff and jitter; an execution interceptor counts every call's attempts. Credentials and region come
 * from the SDK's default chains. Parameters: see {@code Ec2Settings} and the README.
 */
public final class Ec2ControlPlane implements ControlPlane {

    public static final String NAME = "ec2";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(Parameters parameters, int fleetSize) {
        Ec2Settings.from(parameters);
    }

    @Override
    public Fleet provision(FleetRequest request) {
        return provision(request, DefaultCredentialsProvider.builder().build());
    }

    /** Provisions with the given credentials (the EC2 emulator's; real runs use the SDK's default chain). */
    public Fleet provision(FleetRequest request, AwsCredentialsProvider credentials) {
        Ec2Settings settings = Ec2Settings.from(request.parameters());
        try {
            credentials.resolveCredentials();
        } catch (SdkClientException e) {
            throw new LazarusConfigurationException("no AWS credentials found by the SDK's default chain (environment, "
                    + "system properties, ~/.aws/credentials, instance profile); nothing was launched");
        }
        AttemptCounter counter = new AttemptCounter();
        Ec2ClientBuilder builder = Ec2Client.builder()
                .region(settings.region())
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts())
                                .backoffStrategy(BackoffStrategy.exponentialDelay(
                                        settings.backoff(), settings.backoff().multipliedBy(200)))
                                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(
                                        settings.backoff(), settings.backoff().multipliedBy(200)))
                                // a throttled fleet launch must not run out of retry tokens halfway
                                .circuitBreakerEnabled(false)
                                .build())
                        .addExecutionInterceptor(counter));
        settings.endpoint().ifPresent(builder::endpointOverride);
        Ec2Client client = builder.build();
        try {
            return Ec2Fleet.provision(
                    client,
                    counter,
                    settings,
                    request,
                    PrivateKeys.load(settings.privateKey(), "lazarus.ec2.private-key"));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }
}
