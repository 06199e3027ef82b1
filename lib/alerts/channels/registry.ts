import type { AlertChannel } from '@/generated/prisma/enums';
import type { AlertChannelSender } from './channel';
import { pagerDutySender } from './pagerduty';
import { slackSender } from './slack';

// Every alert channel, by the AlertChannel enum: a new channel that is not here fails to compile.
export const ALERT_CHANNELS: Record<AlertChannel, AlertChannelSender> = {
  slack: slackSender,
  pagerduty: pagerDutySender,
};
