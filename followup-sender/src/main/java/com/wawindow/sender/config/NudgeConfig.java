package com.wawindow.sender.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** In-window nudges and the pricing that status callbacks may report. */
@ConfigMapping(prefix = "followup")
public interface NudgeConfig {

    /**
     * FOLLOWUP_NUDGE_CLOSE_MARGIN: a nudge leaves at least this long before the window's deadline, or not at all: the
     * request must reach Twilio and WhatsApp while the window is still open, never just after.
     */
    @WithDefault("PT1M")
    Duration nudgeCloseMargin();

    /**
     * FOLLOWUP_PRICING_CALLBACK_CATEGORY_PARAMETERS: the status-callback parameters that may carry Meta's pricing
     * category for a message (the first present wins), which then overrides the estimate. Twilio documents none today;
     * these are the names a pass-through would use.
     */
    @WithDefault("PricingCategory,Pricing.Category,ConversationCategory")
    List<String> pricingCallbackCategoryParameters();

    /** FOLLOWUP_PRICING_CALLBACK_BILLABLE_PARAMETERS: likewise, whether Meta bills the message ({@code true}/{@code false}). */
    @WithDefault("PricingBillable,Pricing.Billable")
    List<String> pricingCallbackBillableParameters();
}
