import { describeMainJobEndToEnd } from '../../support/main-job-end-to-end.ts';

describeMainJobEndToEnd('rdkafka');
