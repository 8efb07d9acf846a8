/** The platform's name as shown on the sign-in page, the header and the browser title. */
export const platformName = '锡林郭勒盟政务服务综合业务平台';
