package dev.stallkeeper.web.sso;

import dev.stallkeeper.platform.HtmlEscape;
import dev.stallkeeper.tenancy.application.SsoException;
import dev.stallkeeper.tenancy.application.SsoService;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The page a failed sign-in shows: what went wrong in English and Chinese, and where to go next. Everything taken
 * from the request is HTML-escaped; no internal detail or stack trace is shown.
 */
final class SsoErrorPage {

    private SsoErrorPage() {
    }

    /** The page's HTTP status and HTML. */
    record Page(int status, String html) {
    }

    static Response of(SsoException.Reason reason, String tenant) {
        Page page = page(reason, tenant);
        CacheControl cc = new CacheControl();
        cc.setNoStore(true);
        return Response.status(page.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.html())
                .cacheControl(cc).build();
    }

    static Page page(SsoException.Reason reason, String tenant) {
        String title;
        String text;
        String zh;
        int status;
        switch (reason) {
            case UNKNOWN_TENANT -> {
                status = 403;
                title = "Unknown enterprise";
                text = "This enterprise has not been set up for this application (or was removed). Ask your "
                        + "administrator to bind the application to your enterprise in KooGallery.";
                zh = "该企业尚未开通此应用（或已删除）。请联系管理员在云商店中为企业绑定应用。";
            }
            case NO_APPLICATION -> {
                status = 503;
                title = "Sign-in is not set up";
                text = "The application's sign-in credentials for this enterprise are missing. Please try again later.";
                zh = "此企业的应用登录凭证尚未就绪，请稍后再试。";
            }
            case FORGED_STATE -> {
                status = 400;
                title = "Sign-in link not valid";
                text = "This sign-in did not start here, was already used, or took too long. Please sign in again.";
                zh = "此登录请求无效（并非从本站发起、已使用或已超时），请重新登录。";
            }
            case REPLAYED_CODE -> {
                status = 400;
                title = "Sign-in link already used";
                text = "This sign-in link has already been used. Please sign in again.";
                zh = "此登录链接已被使用，请重新登录。";
            }
            case NOT_AUTHORISED -> {
                status = 403;
                title = "Not authorised";
                text = "Your account is not (or no longer) authorised to use this application. Ask your enterprise "
                        + "administrator to authorise you.";
                zh = "您的账号未获授权（或授权已取消）使用此应用，请联系企业管理员授权。";
            }
            case IDENTITY_SERVICE -> {
                status = 502;
                title = "Sign-in service unavailable";
                text = "Your enterprise's sign-in service could not complete the sign-in. Please try again later.";
                zh = "企业登录服务暂时无法完成登录，请稍后再试。";
            }
            case TOO_MANY -> {
                status = 429;
                title = "Too many sign-in attempts";
                text = "Too many sign-ins were started from your network in the last minutes. Please wait a few "
                        + "minutes and sign in again.";
                zh = "您的网络在几分钟内发起了过多的登录请求，请稍等几分钟后重新登录。";
            }
            default -> {
                status = 400;
                title = "Sign-in request incomplete";
                text = "The sign-in request is missing information. Please sign in again.";
                zh = "登录请求不完整，请重新登录。";
            }
        }
        StringBuilder html = new StringBuilder(1024)
                .append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append(" · Stallkeeper</title><link rel=\"stylesheet\" href=\"/admin/style.css\">")
                .append("</head><body class=\"plain\"><main><h1>").append(escape(title)).append("</h1><p>")
                .append(escape(text)).append("</p><p lang=\"zh-CN\">").append(escape(zh)).append("</p>")
                .append("<p class=\"reason\">").append(escape(reason.name())).append("</p>");
        if (tenant != null && !tenant.isBlank() && tenant.length() <= 64 && reason != SsoException.Reason.UNKNOWN_TENANT) {
            html.append("<p><a href=\"/api/sso/login?tenant=")
                    .append(escape(URLEncoder.encode(tenant, StandardCharsets.UTF_8)))
                    .append("\">Sign in again · 重新登录</a></p>");
        }
        html.append("</main></body></html>");
        return new Page(status, html.toString());
    }

    /**
     * The question a portal-started sign-in asks before it opens a session: who the user would be signed in as,
     * and (when this browser already has a session) that it would be replaced. Continuing posts the confirmation
     * token, which is also a SameSite=Strict cookie: a page on another site can show this page, not answer it.
     */
    static Response confirmation(SsoService.SessionView who, String token, SsoService.SessionView current) {
        String name = who.name() != null && !who.name().isBlank() ? who.name() + " (" + who.userName() + ")" : who.userName();
        String tenant = who.tenantName() != null ? who.tenantName() : who.tenantId();
        StringBuilder html = new StringBuilder(1024)
                .append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Continue signing in")
                .append(" · Stallkeeper</title><link rel=\"stylesheet\" href=\"/admin/style.css\"></head>")
                .append("<body class=\"plain\"><main><h1>Continue as ").append(escape(name)).append("?</h1>")
                .append("<p id=\"who\">You are signing in as <strong>").append(escape(name)).append("</strong> of <strong>")
                .append(escape(tenant)).append("</strong>.</p><p lang=\"zh-CN\">您将以 <strong>").append(escape(name))
                .append("</strong>（").append(escape(tenant)).append("）的身份登录。</p>");
        if (current != null) {
            html.append("<p id=\"replaces\" class=\"msg-error\">This replaces your current sign-in as ")
                    .append(escape(current.userName())).append(" of ")
                    .append(escape(current.tenantName() != null ? current.tenantName() : current.tenantId()))
                    .append(". · 这将替换您当前的登录（").append(escape(current.userName())).append("）。</p>");
        }
        html.append("<p>If you did not just sign in, close this page. · 如果这不是您刚刚发起的登录，请关闭此页面。</p>")
                .append("<form id=\"confirm\" method=\"post\" action=\"/api/sso/confirm\">")
                .append("<input type=\"hidden\" name=\"token\" value=\"").append(escape(token)).append("\">")
                .append("<button type=\"submit\">Continue · 继续</button></form></main></body></html>");
        CacheControl cc = new CacheControl();
        cc.setNoStore(true);
        return Response.ok(html.toString(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).cacheControl(cc).build();
    }

    static String escape(String s) {
        return HtmlEscape.text(s);
    }
}
